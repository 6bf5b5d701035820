// The spdl extension: colouring comes from the grammar (package.json); this file starts the
// language server, `spdl lsp` (LSP 3.17 on stdio), for .spd files, and restarts it when the
// `spdl.path` setting changes.
'use strict';

const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

async function start() {
  const command = vscode.workspace.getConfiguration('spdl').get('path') || 'spdl';
  client = new LanguageClient(
    'spdl',
    'spdl language server',
    { command, args: ['lsp'] },
    { documentSelector: [{ scheme: 'file', language: 'spdl' }, { scheme: 'untitled', language: 'spdl' }] },
  );
  try {
    await client.start();
  } catch (e) {
    client = undefined;
    vscode.window.showErrorMessage(
      `spdl: could not start \`${command} lsp\` (${e.message}). Set "spdl.path" to the spdl program.`);
  }
}

async function stop() {
  if (!client) return;
  const running = client;
  client = undefined;
  await running.stop();
}

async function activate(context) {
  context.subscriptions.push(vscode.workspace.onDidChangeConfiguration(async (event) => {
    if (event.affectsConfiguration('spdl.path')) {
      await stop();
      await start();
    }
  }));
  await start();
}

function deactivate() {
  return stop();
}

module.exports = { activate, deactivate };

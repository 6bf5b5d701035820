#!/usr/bin/env node
// The VS Code extension (editors/vscode) without VS Code: extension.js is loaded with stand-ins
// for the `vscode` module and for vscode-languageclient's LanguageClient, which record what the
// extension asks for. The checks: its document selector names the language package.json declares
// for .spd files, the grammar package.json names is the one editors/ holds (where `npm run grammar`
// copies it), and the server it starts, run as it gives it (`spdl.path` set to the spdl program
// under test), answers `initialize` with the server's capabilities, then shuts down and exits 0.
// Changing `spdl.path` restarts the server with the new program.
//
// Run from the project root with SPDL_BINARY set: node tests/editors/vscode_extension_test.mjs
// (ctest: editors/vscode). It needs no npm package.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const root = process.cwd();
const extensionDir = path.join(root, 'editors', 'vscode');
const binary = process.env.SPDL_BINARY;
if (!binary) {
  console.error('vscode_extension_test: SPDL_BINARY is not set');
  process.exit(2);
}

function frame(message) {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
}

// The server's replies, read off its standard output as the protocol frames them.
function reader(stream) {
  let buffered = Buffer.alloc(0);
  const waiting = [];
  const messages = [];
  stream.on('data', (chunk) => {
    buffered = Buffer.concat([buffered, chunk]);
    for (;;) {
      const end = buffered.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(buffered.subarray(0, end).toString())[1]);
      if (buffered.length < end + 4 + length) return;
      messages.push(JSON.parse(buffered.subarray(end + 4, end + 4 + length).toString('utf8')));
      buffered = buffered.subarray(end + 4 + length);
      while (waiting.length && messages.length) waiting.shift()(messages.shift());
    }
  });
  return () => new Promise((resolve) => {
    if (messages.length) resolve(messages.shift());
    else waiting.push(resolve);
  });
}

// What the stand-in client did: each start runs the server it was given through the lifecycle.
const started = [];

class LanguageClient {
  constructor(id, name, serverOptions, clientOptions) {
    Object.assign(this, { id, name, serverOptions, clientOptions });
  }

  async start() {
    const child = spawn(this.serverOptions.command, this.serverOptions.args, {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const spawned = new Promise((resolve, reject) => {
      child.on('spawn', resolve);
      child.on('error', reject);
    });
    await spawned;
    const next = reader(child.stdout);
    const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    // A reply, or the reason there is none: a server that has ended answers nothing.
    const reply = () => Promise.race([next(), exited.then((code) => {
      throw new Error(`\`${this.serverOptions.command} ${this.serverOptions.args.join(' ')}\` ended (exit ${code}) without answering`);
    })]);
    child.stdin.write(frame({ jsonrpc: '2.0', id: 1, method: 'initialize',
      params: { processId: process.pid, rootUri: null, capabilities: {} } }));
    const init = await reply();
    child.stdin.write(frame({ jsonrpc: '2.0', id: 2, method: 'shutdown' }));
    const shutdown = await reply();
    child.stdin.write(frame({ jsonrpc: '2.0', method: 'exit' }));
    child.stdin.end();
    started.push({ client: this, init, shutdown, code: await exited });
  }

  async stop() { this.stopped = true; }
}

let configured = binary;
let onConfigChange;
const vscode = {
  workspace: {
    getConfiguration: (section) => ({ get: (key) => (section === 'spdl' && key === 'path' ? configured : undefined) }),
    onDidChangeConfiguration: (listener) => { onConfigChange = listener; return { dispose() {} }; },
  },
  window: { showErrorMessage: (message) => { throw new Error(`the extension reported: ${message}`); } },
};

// `require('vscode')` and `require('vscode-languageclient/node')` from the extension get the
// stand-ins; everything else loads as usual.
const load = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === 'vscode') return vscode;
  if (request === 'vscode-languageclient/node') return { LanguageClient };
  return load.call(this, request, parent, isMain);
};

const manifest = JSON.parse(fs.readFileSync(path.join(extensionDir, 'package.json'), 'utf8'));
const extension = require(path.join(extensionDir, manifest.main));

let failures = 0;
async function check(what, body) {
  try {
    await body();
    console.log(`ok: ${what}`);
  } catch (e) {
    failures += 1;
    console.error(`FAILED: ${what}\n  ${e.stack}`);
  }
}

await check('package.json declares the spdl language for .spd files and its grammar', () => {
  const [language] = manifest.contributes.languages;
  assert.equal(language.id, 'spdl');
  assert.deepEqual(language.extensions, ['.spd']);
  const [grammar] = manifest.contributes.grammars;
  assert.equal(grammar.language, language.id);
  const shipped = JSON.parse(fs.readFileSync(path.join(root, 'editors', 'spdl.tmLanguage.json'), 'utf8'));
  assert.equal(grammar.scopeName, shipped.scopeName);
  // `npm run grammar` copies editors/spdl.tmLanguage.json to the path package.json names.
  assert.match(manifest.scripts.grammar, /'\.\.\/spdl\.tmLanguage\.json','syntaxes\/spdl\.tmLanguage\.json'/);
  assert.equal(path.normalize(grammar.path), path.normalize('./syntaxes/spdl.tmLanguage.json'));
  assert.ok(fs.existsSync(path.join(extensionDir, language.configuration)));
  assert.ok(manifest.dependencies['vscode-languageclient'], 'the client library is a dependency');
});

const context = { subscriptions: [] };
await check('activate starts `spdl lsp` for spdl documents, saved or untitled', async () => {
  await extension.activate(context);
  assert.equal(started.length, 1);
  const { client, init, shutdown, code } = started[0];
  assert.equal(client.serverOptions.command, binary);
  assert.deepEqual(client.serverOptions.args, ['lsp']);
  const selector = client.clientOptions.documentSelector;
  const language = manifest.contributes.languages[0].id;
  assert.deepEqual(selector.map((s) => s.language), [language, language]);
  assert.deepEqual(selector.map((s) => s.scheme).sort(), ['file', 'untitled']);
  assert.equal(init.result.serverInfo.name, 'spdl');
  assert.equal(init.result.capabilities.hoverProvider, true);
  assert.equal(init.result.capabilities.positionEncoding, 'utf-16');
  assert.equal(shutdown.result, null);
  assert.equal(code, 0, 'the server exits 0 after shutdown and exit');
});

await check('changing spdl.path stops the server and starts the new program', async () => {
  const first = started[0].client;
  configured = path.resolve(binary);  // the same program, named another way
  await onConfigChange({ affectsConfiguration: (section) => section === 'spdl.path' });
  assert.equal(first.stopped, true);
  assert.equal(started.length, 2);
  assert.equal(started[1].client.serverOptions.command, configured);
  assert.equal(started[1].code, 0);
  await onConfigChange({ affectsConfiguration: () => false });
  assert.equal(started.length, 2, 'another setting changes nothing');
});

await check('deactivate stops the server', async () => {
  await extension.deactivate();
  assert.equal(started[1].client.stopped, true);
});

if (failures) {
  console.error(`vscode_extension_test: ${failures} failed`);
  process.exit(1);
}
console.log('vscode_extension_test: all passed');

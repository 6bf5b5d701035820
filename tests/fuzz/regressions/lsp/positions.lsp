Content-Length: 206

{"jsonrpc": "2.0", "id": 123, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///work/wt/lsp18/rulesets/vale/revised_draft_2006.spd"}, "position": {"line": 100000, "character": 0}}}Content-Length: 206

{"jsonrpc": "2.0", "id": 124, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///work/wt/lsp18/rulesets/vale/revised_draft_2006.spd"}, "position": {"line": 3, "character": 100000}}}Content-Length: 202

{"jsonrpc": "2.0", "id": 125, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///work/wt/lsp18/rulesets/vale/revised_draft_2006.spd"}, "position": {"line": -1, "character": 0}}}Content-Length: 203

{"jsonrpc": "2.0", "id": 126, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///work/wt/lsp18/rulesets/vale/revised_draft_2006.spd"}, "position": {"line": 1.5, "character": 0}}}Content-Length: 224

{"jsonrpc": "2.0", "id": 127, "method": "textDocument/definition", "params": {"textDocument": {"uri": "file:///work/wt/lsp18/rulesets/vale/revised_draft_2006.spd"}, "position": {"line": 2147483647, "character": 2147483647}}}Content-Length: 215

{"jsonrpc": "2.0", "id": 128, "method": "textDocument/completion", "params": {"textDocument": {"uri": "file:///work/wt/lsp18/rulesets/vale/revised_draft_2006.spd"}, "position": {"line": 4294967296, "character": 0}}}Content-Length: 265

{"jsonrpc": "2.0", "id": 129, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///work/wt/lsp18/rulesets/vale/revised_draft_2006.spd"}, "range": {"start": {"line": 9, "character": 9}, "end": {"line": 1, "character": 0}}, "context": {}}}Content-Length: 298

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///work/wt/lsp18/rulesets/vale/revised_draft_2006.spd", "version": 2}, "contentChanges": [{"range": {"start": {"line": 500, "character": 0}, "end": {"line": 0, "character": 900}}, "text": "£²🏠"}]}}Content-Length: 201

{"jsonrpc": "2.0", "id": 130, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///work/wt/lsp18/rulesets/vale/revised_draft_2006.spd"}, "position": {"line": 0, "character": 1}}}Content-Length: 222

{"jsonrpc": "2.0", "id": 131, "method": "textDocument/rename", "params": {"textDocument": {"uri": "file:///work/wt/lsp18/rulesets/vale/revised_draft_2006.spd"}, "position": {"line": 99999, "character": 0}, "newName": "x"}}
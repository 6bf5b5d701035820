Content-Length: 251

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///tmp/spdl-fuzz/stdlib/local/extra.spd", "languageId": "spdl", "version": 1, "text": "module local.extra\n  title \"Extra\"\n\ninput homes : dwellings\n"}}}Content-Length: 301

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///tmp/spdl-fuzz/rulesets/town.spd", "languageId": "spdl", "version": 1, "text": "ruleset town\n\nuse local.extra\nuse \"../../etc/passwd\"\namends vale.first_draft_2004\nrule r : dwellings = homes * 2\n"}}}Content-Length: 174

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "untitled:Untitled-1", "languageId": "spdl", "version": 1, "text": "rule x = y +\n"}}}Content-Length: 183

{"jsonrpc": "2.0", "id": 132, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///tmp/spdl-fuzz/rulesets/town.spd"}, "position": {"line": 5, "character": 22}}}Content-Length: 188

{"jsonrpc": "2.0", "id": 133, "method": "textDocument/definition", "params": {"textDocument": {"uri": "file:///tmp/spdl-fuzz/rulesets/town.spd"}, "position": {"line": 5, "character": 22}}}Content-Length: 138

{"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": "file:///tmp/spdl-fuzz/stdlib/local/extra.spd"}}}Content-Length: 113

{"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": "file:///nowhere.spd"}}}Content-Length: 130

{"jsonrpc": "2.0", "id": 134, "method": "textDocument/documentSymbol", "params": {"textDocument": {"uri": "untitled:Untitled-1"}}}Content-Length: 141

{"jsonrpc": "2.0", "id": 135, "method": "textDocument/formatting", "params": {"textDocument": {"uri": "untitled:Untitled-1"}, "options": {}}}Content-Length: 139

{"jsonrpc": "2.0", "id": 136, "method": "spdl/evaluate", "params": {"textDocument": {"uri": "untitled:Untitled-1"}, "scheme": "/dev/zero"}}Content-Length: 90

{"jsonrpc": "2.0", "method": "workspace/didChangeWatchedFiles", "params": {"changes": []}}
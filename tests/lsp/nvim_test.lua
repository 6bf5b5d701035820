-- Neovim's built-in LSP client driving `spdl lsp`, set up with editors/nvim/spdl.lua as a user
-- would set it up. Run by ctest (lsp/neovim):
--   nvim --headless --clean -u tests/lsp/nvim_test.lua
-- with SPDL_BINARY (the spdl program), SPDL_SOURCE_DIR (this checkout) and SPDL_NVIM_WORK (a
-- folder it may empty and use). It opens a copy of the Vale's revised draft with a misspelt name,
-- waits for the diagnostic at its line and column, applies the quick fix, hovers a parameter and
-- reads its citation, jumps to a definition in stdlib/, and formats; it exits 1 at the first
-- failure.

local source = assert(os.getenv('SPDL_SOURCE_DIR'), 'SPDL_SOURCE_DIR is not set')
local binary = assert(os.getenv('SPDL_BINARY'), 'SPDL_BINARY is not set')
local work = assert(os.getenv('SPDL_NVIM_WORK'), 'SPDL_NVIM_WORK is not set')
local timeout = 20000

local function say(text) io.stdout:write(text .. '\n') end

local function read(path)
  local f = assert(io.open(path, 'rb'))
  local text = f:read('*a')
  f:close()
  return text
end

local function write(path, text)
  local f = assert(io.open(path, 'wb'))
  f:write(text)
  f:close()
end

local function lines_of(text)
  local lines = {}
  for line in (text .. '\n'):gmatch('(.-)\n') do table.insert(lines, line) end
  return lines
end

-- The 0-based line and byte column of the first `needle` (plain text) in `lines`.
local function find(lines, needle)
  for i, line in ipairs(lines) do
    local col = line:find(needle, 1, true)
    if col then return i - 1, col - 1 end
  end
  error('not found: ' .. needle)
end

local function expect(condition, what)
  if not condition then error('FAILED: ' .. what, 2) end
  say('ok: ' .. what)
end

local function wait_for(what, predicate)
  local ok = vim.wait(timeout, predicate, 20)
  if not ok then error('FAILED: timed out waiting for ' .. what, 2) end
end

local function floating_windows()
  local found = {}
  for _, win in ipairs(vim.api.nvim_list_wins()) do
    if vim.api.nvim_win_get_config(win).relative ~= '' then table.insert(found, win) end
  end
  return found
end

local function run()
  package.path = source .. '/editors/nvim/?.lua;' .. package.path
  require('spdl').setup({ cmd = { binary, 'lsp' } })

  vim.fn.delete(work, 'rf')
  vim.fn.mkdir(work, 'p')
  -- The copy: `open_market_value` misspelt on a line that holds a "£" before it, so the server's
  -- UTF-16 columns and Neovim's byte columns differ there.
  local original = read(source .. '/rulesets/vale/revised_draft_2006.spd')
  local joined = original:gsub('%[SPG 3%.6%] =\n  open_market_value %* ', '[SPG 3.6] = open_market_valeu * ', 1)
  assert(joined ~= original, 'the line to misspell is not in the ruleset')
  local path = work .. '/revised_draft_2006.spd'
  write(path, joined)
  local lines = lines_of(joined)
  local bad_line, bad_col = find(lines, 'open_market_valeu')
  expect(lines[bad_line + 1]:find('£', 1, true) ~= nil, 'the misspelt line holds a £ before the name')

  vim.cmd('edit ' .. vim.fn.fnameescape(path))
  local buf = vim.api.nvim_get_current_buf()
  expect(vim.bo[buf].filetype == 'spd', 'the copy opens with the spd filetype')
  wait_for('an spdl client on the buffer', function() return #vim.lsp.buf_get_clients(buf) == 1 end)

  -- The diagnostic, at the misspelt name's line and (byte) column.
  wait_for('the diagnostic', function() return #vim.diagnostic.get(buf) > 0 end)
  -- The misspelling is the one error; the input it should name is also reported unused (a warning).
  local diagnostics = vim.diagnostic.get(buf, { severity = vim.diagnostic.severity.ERROR })
  if #diagnostics ~= 1 then error('FAILED: one error expected, got ' .. vim.inspect(diagnostics)) end
  expect(true, 'one error')
  local d = diagnostics[1]
  expect(d.lnum == bad_line and d.col == bad_col,
    string.format('the diagnostic is at line %d column %d (got %d:%d)', bad_line, bad_col, d.lnum, d.col))
  expect(d.end_col == bad_col + #'open_market_valeu', 'the diagnostic ends after the misspelt name')
  expect(d.message:find('unknown name `open_market_valeu`', 1, true) ~= nil, 'the message names the misspelt name')
  expect(d.code == 'unknown-name', 'its code is unknown-name')

  -- The quick fix, chosen from the code actions as a user would pick it.
  vim.api.nvim_win_set_cursor(0, { bad_line + 1, bad_col })
  local offered = {}
  vim.ui.select = function(items, opts, on_choice)
    for _, item in ipairs(items) do
      local title = opts.format_item(item)
      table.insert(offered, title)
      if title == 'Change `open_market_valeu` to `open_market_value`' then return on_choice(item) end
    end
    on_choice(nil)
  end
  vim.lsp.buf.code_action()
  wait_for('the quick fix to change the line', function()
    return vim.api.nvim_buf_get_lines(buf, bad_line, bad_line + 1, false)[1]:find('= open_market_value *', 1, true) ~= nil
  end)
  expect(#offered >= 1, 'the quick fix was offered: ' .. table.concat(offered, ', '))
  wait_for('the diagnostics to clear', function() return #vim.diagnostic.get(buf) == 0 end)
  expect(true, 'no diagnostic once the name is fixed')

  -- Hover a parameter where it is used: its value, unit and citation.
  local hover_line, hover_col = find(lines, 'then whole_site_dwellings >= urban_threshold')
  vim.api.nvim_win_set_cursor(0, { hover_line + 1, hover_col + #'then whole_site_dwellings >= ' + 2 })
  vim.lsp.buf.hover()
  wait_for('the hover window', function() return #floating_windows() > 0 end)
  local float = floating_windows()[1]
  local shown = table.concat(vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(float), 0, -1, false), '\n')
  expect(shown:find('[H16 (i); SPG 4.1]', 1, true) ~= nil, 'the hover cites H16 (i); SPG 4.1: ' .. shown)
  expect(shown:find('15 dwellings', 1, true) ~= nil, 'the hover gives the value 15 dwellings')
  vim.api.nvim_win_close(float, true)

  -- Format: the joined line goes back as `spdl fmt` lays it out.
  local fixed = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n') .. '\n'
  write(work .. '/expected.spd', fixed)
  vim.fn.system({ binary, 'fmt', work .. '/expected.spd' })
  expect(vim.v.shell_error == 0, 'spdl fmt formats the fixed copy')
  local expected = read(work .. '/expected.spd')
  expect(expected ~= fixed, 'the copy is not in the canonical layout before formatting')
  vim.lsp.buf.formatting_sync(nil, timeout)
  local formatted = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n') .. '\n'
  expect(formatted == expected, 'formatting gives spdl fmt\'s layout')

  -- Jump to a definition in stdlib/: the national scheme's input.
  local format_lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  local use_line, use_col = find(format_lines, 'if settlement_population > large_settlement')
  vim.api.nvim_win_set_cursor(0, { use_line + 1, use_col + 5 })
  vim.lsp.buf.definition()
  local target = source .. '/stdlib/national/scheme.spd'
  wait_for('the jump into stdlib/', function() return vim.api.nvim_buf_get_name(0) == target end)
  local declared = find(lines_of(read(target)), 'input settlement_population')
  local cursor = vim.api.nvim_win_get_cursor(0)
  expect(cursor[1] == declared + 1 and cursor[2] == #'input ',
    string.format('the cursor is on the declaration, line %d (got %d:%d)', declared + 1, cursor[1], cursor[2]))
end

local ok, err = xpcall(run, debug.traceback)
if ok then
  say('neovim: all passed')
  vim.cmd('qa!')
else
  io.stderr:write(tostring(err) .. '\n')
  vim.cmd('cquit 1')
end

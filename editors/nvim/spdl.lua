-- spdl in Neovim 0.7 or later: the `spd` filetype for *.spd files, and `spdl lsp` (the language
-- server, LSP 3.17 on stdio) attached to every such buffer.
--
-- Install: copy this file to ~/.config/nvim/lua/spdl.lua and add to init.lua
--   require('spdl').setup()                                   -- `spdl` on PATH
--   require('spdl').setup({ cmd = { '/path/to/spdl', 'lsp' } })  -- or a given binary
--
-- Written for Neovim 0.7 (Debian bookworm), which has neither vim.lsp.start nor vim.fs: one client
-- is started per project root with vim.lsp.start_client and attached with buf_attach_client.

local M = {}

-- The nearest folder above `path` holding rulesets/, stdlib/ or .git (a folder, or a file in a
-- git worktree): the project whose stdlib/ and rulesets/ `use` reads.
local function project_root(path)
  local dir = vim.fn.fnamemodify(path, ':p:h')
  while true do
    for _, marker in ipairs({ 'rulesets', 'stdlib', '.git' }) do
      if vim.loop.fs_stat(dir .. '/' .. marker) then
        return dir
      end
    end
    local parent = vim.fn.fnamemodify(dir, ':h')
    if parent == dir then
      return nil
    end
    dir = parent
  end
end

function M.setup(opts)
  opts = opts or {}
  local cmd = opts.cmd or { 'spdl', 'lsp' }
  local clients = {} -- project root -> client id
  local group = vim.api.nvim_create_augroup('spdl', { clear = true })

  -- Neovim's own table calls *.spd "spup" (Speedup); this wins over it.
  pcall(function() vim.filetype.add({ extension = { spd = 'spd' } }) end)
  vim.api.nvim_create_autocmd({ 'BufRead', 'BufNewFile' }, {
    group = group,
    pattern = '*.spd',
    command = 'set filetype=spd',
  })

  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = 'spd',
    callback = function(args)
      local buf = args.buf
      vim.bo[buf].commentstring = '# %s'
      if vim.fn.executable(cmd[1]) ~= 1 then
        vim.notify_once('spdl: `' .. cmd[1] .. '` is not executable; no language server', vim.log.levels.WARN)
        return
      end
      local name = vim.api.nvim_buf_get_name(buf)
      local root = project_root(name ~= '' and name or vim.fn.getcwd()) or vim.fn.getcwd()
      local id = clients[root]
      if not (id and vim.lsp.get_client_by_id(id)) then
        local ok, started = pcall(vim.lsp.start_client, {
          name = 'spdl',
          cmd = cmd,
          root_dir = root,
          -- The language id VS Code sends too (the filetype is `spd`).
          get_language_id = function() return 'spdl' end,
        })
        if not ok or not started then
          vim.notify('spdl: could not start ' .. table.concat(cmd, ' ') .. ': ' .. tostring(started),
            vim.log.levels.ERROR)
          return
        end
        id = started
        clients[root] = id
      end
      vim.lsp.buf_attach_client(buf, id)
    end,
  })
end

return M

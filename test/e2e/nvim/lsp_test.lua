-- Neovim (0.7.2, Debian bookworm) as a third-party LSP client of `node dist/server.js --stdio`.
-- Run by scripts/e2e/run-nvim-tests.sh:
--   LSP_SERVER=dist/server.js nvim --headless --clean -c 'luafile test/e2e/nvim/lsp_test.lua' <manifest>
-- The opened file is a manifest with the documented problems `feature-outside-baseline` (requires: [avx2]
-- against openj9-portable) and `restore-policy-missing`. Each check prints its own PASS/FAIL line, so a missing
-- feature (hover, code actions) does not hide the others; the exit code is the number of failed checks.
-- 0.7.2 has no vim.lsp.start, hence start_client + buf_attach_client.
local server = os.getenv('LSP_SERVER') or 'dist/server.js'
local timeout_ms = tonumber(os.getenv('LSP_TIMEOUT_MS') or '20000')
local SOURCE = 'criu-portability'

local failures = 0
local function say(line) io.stdout:write(line .. '\n'); io.stdout:flush() end
local function check(name, fn)
  local ok, passed, detail = pcall(fn)
  if not ok then passed, detail = false, 'error: ' .. tostring(passed) end
  if not passed then failures = failures + 1 end
  say(string.format('%s %s: %s', passed and 'PASS' or 'FAIL', name, detail or ''))
  return passed
end
local function finish()
  say(string.format('NVIM_DONE failures=%d', failures))
  vim.cmd(failures == 0 and 'qa!' or ('cq ' .. failures))
end

-- Keep the raw LSP diagnostics (code, data, range) as the server sent them: code actions need them verbatim.
local published = {}
local default_publish = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
  if result then published[result.uri] = result.diagnostics end
  return default_publish(err, result, ctx, config)
end

local bufnr = vim.api.nvim_get_current_buf()
local uri = vim.uri_from_bufnr(bufnr)
local client_id, client

local function ours(code)
  local found = {}
  for _, d in ipairs(published[uri] or {}) do
    if d.source == SOURCE and (code == nil or tostring(d.code) == code) then table.insert(found, d) end
  end
  return found
end
local function codes()
  local list = {}
  for _, d in ipairs(published[uri] or {}) do table.insert(list, tostring(d.source) .. '/' .. tostring(d.code)) end
  return '[' .. table.concat(list, ', ') .. ']'
end
-- First match of a Lua pattern outside comment lines (the fixture's header comment mentions avx2 too).
local function find_in_buffer(pattern)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    local s, e = line:find(pattern)
    if s and not line:match('^%s*#') then return i - 1, s - 1, e end
  end
end
local function buffer_text() return table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n') end

local started = check('start', function()
  client_id = vim.lsp.start_client({
    name = 'criu-portability',
    cmd = { 'node', server, '--stdio' },
    root_dir = vim.fn.getcwd(),
  })
  if not client_id then return false, 'start_client returned nil' end
  vim.lsp.buf_attach_client(bufnr, client_id)
  client = vim.lsp.get_client_by_id(client_id)
  local ok = vim.wait(timeout_ms, function() return client.initialized == true end, 50)
  return ok, ok and ('initialized, ' .. server) or 'no initialize response'
end)
if not started then finish() return end

check('diagnostics', function()
  local ok = vim.wait(timeout_ms, function()
    return #ours('feature-outside-baseline') > 0 and #ours('restore-policy-missing') > 0
  end, 50)
  return ok, (ok and '' or 'expected feature-outside-baseline and restore-policy-missing, got ') .. codes()
end)

check('diagnostic range', function()
  local d = ours('feature-outside-baseline')[1]
  if not d then return false, 'no feature-outside-baseline diagnostic' end
  local line = vim.api.nvim_buf_get_lines(bufnr, d.range.start.line, d.range.start.line + 1, false)[1] or ''
  local text = line:sub(d.range.start.character + 1, d.range['end'].character)
  return text == 'avx2', string.format('range covers %q', text)
end)

check('hover', function()
  local line, col = find_in_buffer('avx2')
  if not line then return false, 'no avx2 in the manifest' end
  local res = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', {
    textDocument = { uri = uri }, position = { line = line, character = col + 1 },
  }, 5000)
  for _, r in pairs(res or {}) do
    if r.err then return false, 'error ' .. vim.inspect(r.err) end
    if r.result and r.result.contents then
      local c = r.result.contents
      local text = type(c) == 'string' and c or c.value or vim.inspect(c)
      local lower = text:lower()
      -- The feature's own documentation (first microarchitectures: Haswell), not only a diagnostic naming it.
      return lower:find('avx2', 1, true) ~= nil and lower:find('haswell', 1, true) ~= nil, text:gsub('%s+', ' '):sub(1, 160)
    end
  end
  return false, 'no hover result'
end)

check('code action: set restore policy', function()
  local diag = ours('restore-policy-missing')[1]
  if not diag then return false, 'no restore-policy-missing diagnostic' end
  local res = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', {
    textDocument = { uri = uri }, range = diag.range,
    context = { diagnostics = { diag }, only = { 'quickfix' } },
  }, 5000)
  local titles, chosen = {}, nil
  for _, r in pairs(res or {}) do
    if r.err then return false, 'error ' .. vim.inspect(r.err) end
    for _, a in ipairs(r.result or {}) do
      table.insert(titles, a.title)
      if not chosen and a.title:lower():find('exit', 1, true) then chosen = a end
    end
  end
  if not chosen then return false, 'no quick fix mentioning exit among [' .. table.concat(titles, ' | ') .. ']' end
  if not chosen.edit and chosen.data then -- lazily resolved action
    local resolved = vim.lsp.buf_request_sync(bufnr, 'codeAction/resolve', chosen, 5000)
    for _, r in pairs(resolved or {}) do if r.result then chosen = r.result end end
  end
  if not chosen.edit then return false, 'quick fix "' .. chosen.title .. '" has no edit' end
  vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding or 'utf-16')
  local applied = find_in_buffer('^%s*onIncompatibleCpu:%s*exit') ~= nil
  return applied, string.format('applied "%s"%s', chosen.title, applied and '' or '; buffer now:\n' .. buffer_text())
end)

check('diagnostic gone after the fix', function()
  if find_in_buffer('^%s*onIncompatibleCpu:') == nil then return false, 'fix not applied' end
  local ok = vim.wait(timeout_ms, function()
    return published[uri] ~= nil and #ours('restore-policy-missing') == 0 and #ours('feature-outside-baseline') > 0
  end, 50)
  return ok, codes()
end)

check('document symbols', function()
  local res = vim.lsp.buf_request_sync(bufnr, 'textDocument/documentSymbol', { textDocument = { uri = uri } }, 5000)
  for _, r in pairs(res or {}) do
    if r.err then return false, 'error ' .. vim.inspect(r.err) end
    local top = (r.result or {})[1]
    if not top then return false, 'no symbols' end
    local names = {}
    for _, c in ipairs(top.children or {}) do
      table.insert(names, c.name)
      if c.name == 'requires' and c.children and c.children[1] and c.children[1].name == 'avx2' then
        return top.name == 'orders-service', string.format('%s > requires > avx2 (children: %s)', top.name, table.concat(names, ', '))
      end
    end
    return false, 'no requires > avx2 under ' .. tostring(top.name) .. ': ' .. table.concat(names, ', ')
  end
  return false, 'no documentSymbol result'
end)

-- A Deployment in the same folder links inventory.criu.yaml by its image: Go to Definition from the image opens it.
check('definition from a linked image to its manifest', function()
  local deploy = vim.fn.bufadd(vim.fn.fnamemodify('inventory-deployment.yaml', ':p'))
  vim.fn.bufload(deploy)
  vim.api.nvim_buf_set_option(deploy, 'filetype', 'yaml')
  vim.lsp.buf_attach_client(deploy, client_id)
  local deploy_uri = vim.uri_from_bufnr(deploy)
  -- Linked once the workspace scan has found the manifest: its restore-capabilities-missing diagnostic says so.
  local linked = vim.wait(timeout_ms, function()
    for _, d in ipairs(published[deploy_uri] or {}) do if d.code == 'restore-capabilities-missing' then return true end end
    return false
  end, 50)
  if not linked then return false, 'the deployment never got restore-capabilities-missing' end
  local line, col
  for i, l in ipairs(vim.api.nvim_buf_get_lines(deploy, 0, -1, false)) do
    local s = l:find('registry.example.com/inventory', 1, true)
    if s then line, col = i - 1, s + 2 break end
  end
  if not line then return false, 'no image line' end
  local target
  local ok = vim.wait(timeout_ms, function()
    local res = vim.lsp.buf_request_sync(deploy, 'textDocument/definition', { textDocument = { uri = deploy_uri }, position = { line = line, character = col } }, 5000)
    for _, r in pairs(res or {}) do
      local loc = r.result
      if loc and loc[1] then loc = loc[1] end
      if loc then target = loc.uri or loc.targetUri end
    end
    return target ~= nil
  end, 200)
  return ok and target:match('inventory%.criu%.yaml$') ~= nil, tostring(target)
end)

vim.lsp.stop_client(client_id)
finish()

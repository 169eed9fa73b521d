-- GPU Ledger quota hook for slurmctld (slurm.conf: JobSubmitPlugins=lua; install as job_submit.lua in the
-- directory of slurm.conf). Rejects a new job charged to an account that the ledger has blocked.
--
-- It reads a local file, one blocked account a line, which scripts/slurm/sync-blocklist rewrites from the ledger's
-- GET /quota/blocked (a systemd timer or cron, every minute). It never calls the ledger itself: slurmctld runs this
-- hook on its submission path, and a slow or unreachable ledger must not slow down or stop job submission.
-- The file is read again only when it changed (its inode, size or modification time, from lua-filesystem); a sync
-- replaces it by a rename, so every sync gives a new inode.
--
-- When the file is missing, or older than MAX_AGE_SECONDS (the sync has failed for that long, so the list may
-- block accounts that were given hours since, or miss new ones), FAIL_MODE decides:
--   "open"   (default): every job is allowed, as if no account were blocked, and slurmctld's log says why
--            (once when it starts, then once a LOG_EVERY_SECONDS with the number of jobs let through);
--   "closed": every job is refused with a message to the user, until the file is fresh again.
-- slurmctld reloads this script when it changes: edit the settings below, no restart needed.

---------------------------------------------------------------------------------------------- settings
local BLOCKLIST = "/etc/slurm/gpu-ledger/blocked_accounts.txt" -- written by sync-blocklist
local MAX_AGE_SECONDS = 900      -- older than this, the list is stale (sync-blocklist rewrites it at every success)
local FAIL_MODE = "open"         -- "open" or "closed": what to do when the list is missing or stale
local LOG_EVERY_SECONDS = 60     -- fail open: at most one log line this often (plus one when the condition starts)
local RECHECK_SECONDS = 10       -- only without lua-filesystem: how often the file is read again
local SUPPORT = "your centre's user support" -- named in the messages to users
---------------------------------------------------------------------------------------------- end of settings

local have_lfs, lfs = pcall(require, "lfs")

local cache = {
   key = nil,          -- with lfs: inode, size and times of the file last read
   read_at = 0,        -- without lfs: when the file was last read
   accounts = {},      -- blocked account (lower case) -> true
   count = 0,
   generated = nil,    -- the "# generated: <epoch>" line sync-blocklist writes, when present
}
local fail_state = { condition = nil, since_log = 0, let_through = 0 }

local function trim(s)
   return (s:gsub("^%s+", ""):gsub("%s+$", ""))
end

-- reads the file into the cache; false when it cannot be opened
local function read_list()
   local f = io.open(BLOCKLIST, "r")
   if f == nil then
      return false
   end
   local accounts, count, generated = {}, 0, nil
   for line in f:lines() do
      local g = line:match("^#%s*generated:%s*(%d+)")
      if g then
         generated = tonumber(g)
      elseif not line:match("^%s*#") then
         local account = trim(line)
         if account ~= "" then
            -- Slurm account names are case-insensitive (sacctmgr lower-cases them)
            accounts[account:lower()] = true
            count = count + 1
         end
      end
   end
   f:close()
   cache.accounts, cache.count, cache.generated = accounts, count, generated
   return true
end

-- "ok", "missing" or "stale", and the list's age in seconds (nil when missing or unknown)
local function current_list()
   local now = os.time()
   if have_lfs then
      local attr = lfs.attributes(BLOCKLIST)
      if attr == nil or attr.mode ~= "file" then
         cache.key = nil
         return "missing", nil
      end
      local key = table.concat({ attr.ino, attr.size, attr.modification, attr.change }, ":")
      if key ~= cache.key then
         if not read_list() then
            cache.key = nil
            return "missing", nil
         end
         cache.key = key
      end
      local age = now - attr.modification
      if age > MAX_AGE_SECONDS then
         return "stale", age
      end
      return "ok", age
   end
   -- without lua-filesystem: read again every RECHECK_SECONDS; the age comes from the file's "# generated:" line
   -- (a file without it is taken as fresh)
   if cache.read_at == 0 or now - cache.read_at >= RECHECK_SECONDS then
      cache.read_at = now
      if not read_list() then
         cache.read_at = 0
         return "missing", nil
      end
   end
   if cache.generated == nil then
      return "ok", nil
   end
   local age = now - cache.generated
   if age > MAX_AGE_SECONDS then
      return "stale", age
   end
   return "ok", age
end

local function describe(condition, age)
   if condition == "missing" then
      return string.format("the blocked-accounts list %s is missing", BLOCKLIST)
   end
   return string.format("the blocked-accounts list %s is stale (%d s old, more than %d s)", BLOCKLIST, age,
      MAX_AGE_SECONDS)
end

-- fail open: logs when the condition starts or changes, then at most once a LOG_EVERY_SECONDS
local function note_fail_open(condition, age)
   local now = os.time()
   fail_state.let_through = fail_state.let_through + 1
   if fail_state.condition ~= condition or now - fail_state.since_log >= LOG_EVERY_SECONDS then
      slurm.log_error("job_submit.lua: %s: FAIL OPEN, jobs are allowed without the quota check (%d job(s) since the last such line)",
         describe(condition, age), fail_state.let_through)
      fail_state.condition, fail_state.since_log, fail_state.let_through = condition, now, 0
   end
end

local function note_recovered(count)
   if fail_state.condition ~= nil then
      slurm.log_info("job_submit.lua: the blocked-accounts list %s is fresh again (%d account(s) blocked)",
         BLOCKLIST, count)
      fail_state.condition, fail_state.let_through = nil, 0
   end
end

-- nil when the job may go on, else the code to return
local function check(account, what)
   local condition, age = current_list()
   if condition ~= "ok" then
      if FAIL_MODE == "closed" then
         slurm.log_error("job_submit.lua: %s: FAIL CLOSED, %s is refused", describe(condition, age), what)
         slurm.log_user("GPU Ledger: the GPU-hour quota cannot be checked right now (its list of blocked accounts is %s): %s is refused. Please try again later, or contact %s.",
            condition, what, SUPPORT)
         return slurm.ERROR
      end
      note_fail_open(condition, age)
      return nil
   end
   note_recovered(cache.count)
   if account ~= nil and cache.accounts[account:lower()] then
      slurm.log_info("job_submit.lua: %s is refused: account %s is blocked by the GPU Ledger", what, account)
      slurm.log_user("GPU Ledger: the GPU-hour allocation of account '%s' is exhausted, over-consumption margin included: %s is refused. Ask %s for a supplement, or submit with another account (-A).",
         account, what, SUPPORT)
      return slurm.ESLURM_ACCOUNTING_POLICY or slurm.ERROR
   end
   return nil
end

function slurm_job_submit(job_desc, part_list, submit_uid)
   -- job_desc.account is nil when the user did not pass -A: the job goes to the user's default account
   local account = job_desc.account or job_desc.default_account
   return check(account, "the job") or slurm.SUCCESS
end

function slurm_job_modify(job_desc, job_rec, part_list, modify_uid)
   -- moving a job to a blocked account is refused too; other changes are not the ledger's business
   if job_desc.account ~= nil then
      return check(job_desc.account, "moving the job to this account") or slurm.SUCCESS
   end
   return slurm.SUCCESS
end

slurm.log_info("job_submit.lua: GPU Ledger quota hook loaded: list %s, stale after %d s, fail %s, %s",
   BLOCKLIST, MAX_AGE_SECONDS, FAIL_MODE,
   have_lfs and "changes seen by lua-filesystem" or ("no lua-filesystem: list read every " .. RECHECK_SECONDS .. " s"))
return slurm.SUCCESS

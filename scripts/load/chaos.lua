-- wrk script for `scripts/chaos`: the load of every chaos scenario, with per-request
-- latencies split by outcome (wrk's own percentiles mix fast 503s with admitted requests).
-- Run it with as many threads as connections (-tN -cN): each thread then drives ONE
-- connection, so request() and response() alternate and the time between them is that
-- request's latency (LuaJIT ffi clock_gettime(CLOCK_MONOTONIC)). The driver
-- (scripts/lib/chaos.py) always does.
-- Environment:
--   CHAOS_MODE    score  (default) multipart POST of `resume` (RESUME_FILE) + `job_text` (JOB_FILE)
--                 upload multipart POST of one `files` part (RESUME_FILE) to the URL's path
--                        (/api/v1/jobs/{id}/candidates); the id of every candidate a 201
--                        answer lists is kept and written to CHAOS_IDS, one per line
--                 get    GET of the URL's path (e.g. /api/v1/jobs/{id}/ranking)
--   API_KEY       sent as X-API-Key when set
--   CHAOS_DELAY_MS  pause before each request on a connection (paces the load; 0 = none)
--   CHAOS_OUT     file for the JSON summary (default: stdout)
--   CHAOS_IDS     file for the accepted candidate ids (upload mode)
--   CHAOS_LAT     file for every answer as `STATUS LATENCY_MS`, one per line (the driver's
--                 statistics across phases come from these)
-- The summary: requests, duration, statuses, socket errors (as wrk counts them), wrk's own
-- p50/p95/p99 (coordinated-omission corrected by wrk 4), and our per-request percentiles of
-- all answers, of 2xx answers (`ok_*`) and of 5xx answers (`err5_*`), the problem `code` of
-- each 5xx answer, and how many 503s came without Retry-After.

local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } chaos_timespec;
  int clock_gettime(int clk_id, chaos_timespec *tp);
]]
local tsbuf = ffi.new("chaos_timespec")
local function now()
  ffi.C.clock_gettime(1, tsbuf) -- CLOCK_MONOTONIC
  return tonumber(tsbuf.tv_sec) + tonumber(tsbuf.tv_nsec) / 1e9
end

local function slurp(path)
  local f = assert(io.open(path, "rb"), "cannot open " .. tostring(path))
  local s = f:read("*a")
  f:close()
  return s
end

local mode = os.getenv("CHAOS_MODE") or "score"
local delay_ms = tonumber(os.getenv("CHAOS_DELAY_MS") or "0") or 0
local boundary = "----atscoreChaos7MA4YWxkTrZu0gW"

local key = os.getenv("API_KEY")
if key and key ~= "" then
  wrk.headers["X-API-Key"] = key
end

local function file_part(field, path)
  local fname = path:match("([^/]+)$")
  local ctype = fname:match("%.pdf$") and "application/pdf" or "application/octet-stream"
  return table.concat({
    "--" .. boundary,
    'Content-Disposition: form-data; name="' .. field .. '"; filename="' .. fname .. '"',
    "Content-Type: " .. ctype,
    "",
    slurp(path),
  }, "\r\n")
end

if mode == "score" then
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "multipart/form-data; boundary=" .. boundary
  wrk.body = table.concat({
    file_part("resume", assert(os.getenv("RESUME_FILE"), "RESUME_FILE not set")),
    "--" .. boundary,
    'Content-Disposition: form-data; name="job_text"',
    "Content-Type: text/plain; charset=utf-8",
    "",
    slurp(assert(os.getenv("JOB_FILE"), "JOB_FILE not set")),
    "--" .. boundary .. "--",
    "",
  }, "\r\n")
elseif mode == "upload" then
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "multipart/form-data; boundary=" .. boundary
  wrk.body = table.concat({
    file_part("files", assert(os.getenv("RESUME_FILE"), "RESUME_FILE not set")),
    "--" .. boundary .. "--",
    "",
  }, "\r\n")
elseif mode == "get" then
  wrk.method = "GET"
  wrk.body = nil
else
  error("CHAOS_MODE must be score, upload or get, not " .. mode)
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

-- per-thread state (each wrk thread has its own Lua state; done() collects them)
local t0 = nil
function init(args)
  statuses = {}
  lat_all, lat_ok, lat_err5 = {}, {}, {}
  codes5 = {}
  no_retry_after = 0
  ids = {}
  unpaired = 0
  samp_s, samp_ms = {}, {}
end

if delay_ms > 0 then
  function delay()
    return delay_ms
  end
end

function request()
  if t0 ~= nil then
    unpaired = unpaired + 1 -- a request without an answer (connection error, reconnect)
  end
  t0 = now()
  return wrk.format()
end

function response(status, headers, body)
  local ms = 0
  if t0 ~= nil then
    ms = (now() - t0) * 1000
  end
  t0 = nil
  statuses[status] = (statuses[status] or 0) + 1
  lat_all[#lat_all + 1] = ms
  samp_s[#samp_s + 1] = status
  samp_ms[#samp_ms + 1] = ms
  if status >= 200 and status < 300 then
    lat_ok[#lat_ok + 1] = ms
    if mode == "upload" and status == 201 and body then
      local added = body:match('"added"%s*:%s*(%b[])')
      if added then
        -- each added entry is an object; its own "id" is the first key we look for in it
        for obj in added:gmatch("%b{}") do
          local id = obj:match('"id"%s*:%s*"([^"]+)"')
          if id then ids[#ids + 1] = id end
        end
      end
    end
  elseif status >= 500 then
    lat_err5[#lat_err5 + 1] = ms
    local code = body and body:match('"code"%s*:%s*"([^"]+)"') or "none"
    codes5[code] = (codes5[code] or 0) + 1
    if status == 503 then
      local ra = headers["Retry-After"] or headers["retry-after"]
      if not ra then no_retry_after = no_retry_after + 1 end
    end
  end
end

local function pct(sorted, p)
  local n = #sorted
  if n == 0 then return -1 end
  local i = math.ceil(p / 100 * n)
  if i < 1 then i = 1 end
  return sorted[i]
end

local function json_map(m, quote_values)
  local keys = {}
  for k in pairs(m) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local parts = {}
  for _, k in ipairs(keys) do
    parts[#parts + 1] = string.format('"%s":%d', (tostring(k):gsub("[%c\"\\]", "_")), m[k])
  end
  return "{" .. table.concat(parts, ",") .. "}"
end

function done(summary, latency, requests)
  local st, c5 = {}, {}
  local all, ok, e5 = {}, {}, {}
  local nra, unp, idlist = 0, 0, {}
  for _, t in ipairs(threads) do
    for k, v in pairs(t:get("statuses") or {}) do st[k] = (st[k] or 0) + v end
    for k, v in pairs(t:get("codes5") or {}) do c5[k] = (c5[k] or 0) + v end
    for _, v in ipairs(t:get("lat_all") or {}) do all[#all + 1] = v end
    for _, v in ipairs(t:get("lat_ok") or {}) do ok[#ok + 1] = v end
    for _, v in ipairs(t:get("lat_err5") or {}) do e5[#e5 + 1] = v end
    for _, v in ipairs(t:get("ids") or {}) do idlist[#idlist + 1] = v end
    nra = nra + (t:get("no_retry_after") or 0)
    unp = unp + (t:get("unpaired") or 0)
  end
  table.sort(all); table.sort(ok); table.sort(e5)
  local e = summary.errors
  local secs = summary.duration / 1e6
  local out = string.format(
    '{"mode":"%s","requests":%d,"duration_s":%.3f,"rps":%.2f,' ..
    '"wrk_p50_ms":%.3f,"wrk_p95_ms":%.3f,"wrk_p99_ms":%.3f,"wrk_max_ms":%.3f,' ..
    '"answers":%d,"p50_ms":%.3f,"p95_ms":%.3f,"p99_ms":%.3f,"max_ms":%.3f,' ..
    '"ok":%d,"ok_p50_ms":%.3f,"ok_p95_ms":%.3f,"ok_p99_ms":%.3f,"ok_max_ms":%.3f,' ..
    '"err5":%d,"err5_p50_ms":%.3f,"err5_p99_ms":%.3f,"err5_codes":%s,"no_retry_after_503":%d,' ..
    '"statuses":%s,"socket_errors":{"connect":%d,"read":%d,"write":%d,"timeout":%d},' ..
    '"unpaired":%d,"ids":%d}\n',
    mode, summary.requests, secs, summary.requests / math.max(secs, 1e-9),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000,
    #all, pct(all, 50), pct(all, 95), pct(all, 99), all[#all] or -1,
    #ok, pct(ok, 50), pct(ok, 95), pct(ok, 99), ok[#ok] or -1,
    #e5, pct(e5, 50), pct(e5, 99), json_map(c5), nra,
    json_map(st), e.connect, e.read, e.write, e.timeout, unp, #idlist)
  local path = os.getenv("CHAOS_OUT")
  if path and path ~= "" then
    local f = assert(io.open(path, "w"))
    f:write(out)
    f:close()
  else
    io.write(out)
  end
  local latpath = os.getenv("CHAOS_LAT")
  if latpath and latpath ~= "" then
    local f = assert(io.open(latpath, "w"))
    for _, t in ipairs(threads) do
      local ss, ms = t:get("samp_s") or {}, t:get("samp_ms") or {}
      for i = 1, #ss do f:write(string.format("%d %.3f\n", ss[i], ms[i])) end
    end
    f:close()
  end
  local idpath = os.getenv("CHAOS_IDS")
  if idpath and idpath ~= "" then
    local f = assert(io.open(idpath, "w"))
    for _, id in ipairs(idlist) do f:write(id, "\n") end
    f:close()
  end
end

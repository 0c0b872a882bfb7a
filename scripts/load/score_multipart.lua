-- wrk script for `scripts/bench http`: every request is the same multipart/form-data
-- POST /api/v1/score of one resume file plus a job text; the body is built once.
-- Environment:
--   RESUME_FILE  the resume to send (required); field `resume`, with its file name and a
--                Content-Type from its extension (application/pdf for .pdf)
--   JOB_FILE     the job description text (required); field `job_text`
--   API_KEY      sent as the X-API-Key header when set
-- Each thread counts the HTTP statuses it sees; done() prints ONE JSON line on stdout:
--   {"requests":N,"duration_s":S,"rps":R,"p50_ms":..,"p95_ms":..,"p99_ms":..,"max_ms":..,
--    "mean_ms":..,"statuses":{"200":N,..},"non_2xx":K,"wrk_status_errors":N,
--    "socket_errors":{"connect":..,"read":..,"write":..,"timeout":..},"socket_errors_total":E}
-- Latency percentiles are wrk's own (note: wrk 4 back-fills coordinated omission).

local function slurp(path)
  local f = assert(io.open(path, "rb"), "cannot open " .. tostring(path))
  local s = f:read("*a")
  f:close()
  return s
end

local resume_path = assert(os.getenv("RESUME_FILE"), "RESUME_FILE not set")
local job_path = assert(os.getenv("JOB_FILE"), "JOB_FILE not set")
local fname = resume_path:match("([^/]+)$")
local types = {
  pdf = "application/pdf",
  docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  doc = "application/msword",
  odt = "application/vnd.oasis.opendocument.text",
  rtf = "application/rtf",
  txt = "text/plain",
}
local ctype = types[(fname:match("%.([%w]+)$") or ""):lower()] or "application/octet-stream"
local boundary = "----atscoreBench7MA4YWxkTrZu0gW"

wrk.method = "POST"
wrk.headers["Content-Type"] = "multipart/form-data; boundary=" .. boundary
local key = os.getenv("API_KEY")
if key and key ~= "" then
  wrk.headers["X-API-Key"] = key
end
wrk.body = table.concat({
  "--" .. boundary,
  'Content-Disposition: form-data; name="resume"; filename="' .. fname .. '"',
  "Content-Type: " .. ctype,
  "",
  slurp(resume_path),
  "--" .. boundary,
  'Content-Disposition: form-data; name="job_text"',
  "Content-Type: text/plain; charset=utf-8",
  "",
  slurp(job_path),
  "--" .. boundary .. "--",
  "",
}, "\r\n")

-- per-thread status counters (each wrk thread has its own Lua state)
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local counts, non2xx = {}, 0
  for _, t in ipairs(threads) do
    local s = t:get("statuses") or {}
    for code, n in pairs(s) do
      counts[code] = (counts[code] or 0) + n
      if code < 200 or code > 299 then non2xx = non2xx + n end
    end
  end
  local codes = {}
  for code in pairs(counts) do table.insert(codes, code) end
  table.sort(codes)
  local parts = {}
  for _, code in ipairs(codes) do
    table.insert(parts, string.format('"%d":%d', code, counts[code]))
  end
  local secs = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"duration_s":%.3f,"rps":%.2f,"p50_ms":%.3f,"p95_ms":%.3f,"p99_ms":%.3f,' ..
    '"max_ms":%.3f,"mean_ms":%.3f,"statuses":{%s},"non_2xx":%d,"wrk_status_errors":%d,' ..
    '"socket_errors":{"connect":%d,"read":%d,"write":%d,"timeout":%d},"socket_errors_total":%d}\n',
    summary.requests, secs, summary.requests / secs,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, latency.mean / 1000, table.concat(parts, ","), non2xx, e.status,
    e.connect, e.read, e.write, e.timeout, e.connect + e.read + e.write + e.timeout))
end

-- wrk script of scripts/bench-http.sh.
--
--   wrk -s post.lua URL -- unique [BYTES]     POST a Google Forms payload with its own
--                                             responseId (dedup key) on every request; BYTES
--                                             adds a free-text answer of about that many bytes
--                                             that the mapper does not read
--   wrk -s post.lua URL -- signed FILE        POST the pre-signed lines of FILE
--                                             ("sha256=<hex>\t<body>", Benchmarks/http/payloads.py)
--   wrk -s post.lua URL -- get                GET the URL (the HTTP stack's ceiling)
--
-- At the end it prints one line the script parses:
--   RESULT requests duration_us p50_us p99_us non_2xx socket_errors wrapped
local threads = {}
local next_thread_id = 0

function setup(thread)
   thread:set("thread_id", next_thread_id)
   next_thread_id = next_thread_id + 1
   table.insert(threads, thread)
end

local mode, counter, lines, padding = "get", 0, {}, ""
wrapped = 0 -- global: done() reads it from each thread
local headers = { ["Content-Type"] = "application/json" }
local kinds = { "Phishing email", "Lost or stolen device", "Malware", "Something else" }
local levels = { "Low", "Medium", "High", "Critical" }

local function body(i)
   return '{"formId":"1FAIpQLSdSecurityIntake2026","responseId":"wrk-' .. thread_id .. '-' .. i ..
      '","timestamp":"2026-11-28T19:03:12.417Z","respondentEmail":"user' .. (i % 997) ..
      '@example.com","answers":[{"title":"Incident type","type":"LIST","response":"' ..
      kinds[i % 4 + 1] .. '"},{"title":"Severity","type":"MULTIPLE_CHOICE","response":"' ..
      levels[i % 4 + 1] .. '"},{"title":"What happened?","type":"PARAGRAPH_TEXT",' ..
      '"response":"Mail asked me to sign in at https://login.example-' .. (i % 89) ..
      '.com/sso?u=' .. i .. ' before noon."}' .. padding .. ']}'
end

function init(args)
   mode = args[1] or "get"
   if mode == "unique" and args[2] then
      local bytes = tonumber(args[2])
      local text = string.rep("The attached log shows the sign-in page and what I typed. ", math.ceil(bytes / 58))
      padding = ',{"title":"Anything else?","type":"PARAGRAPH_TEXT","response":"' .. text:sub(1, bytes) .. '"}'
   end
   if mode == "signed" then
      -- Each thread takes every n-th line, so no two threads send the same signature.
      local n, index = tonumber(args[3] or "1"), 0
      for line in io.lines(args[2]) do
         if index % n == thread_id then
            local tab = line:find("\t", 1, true)
            table.insert(lines, { line:sub(1, tab - 1), line:sub(tab + 1) })
         end
         index = index + 1
      end
   end
end

function request()
   counter = counter + 1
   if mode == "unique" then
      return wrk.format("POST", nil, headers, body(counter))
   elseif mode == "signed" then
      if counter > #lines then wrapped = 1 end
      local entry = lines[(counter - 1) % #lines + 1]
      return wrk.format("POST", nil, {
         ["Content-Type"] = "application/json", ["X-Hub-Signature-256"] = entry[1] }, entry[2])
   end
   return wrk.format("GET", nil, nil, nil)
end

function done(summary, latency, requests)
   local any_wrapped = 0
   for _, thread in ipairs(threads) do
      if thread:get("wrapped") == 1 then any_wrapped = 1 end
   end
   local errors = summary.errors
   io.write(string.format("RESULT %d %d %d %d %d %d %d\n", summary.requests, summary.duration,
      latency:percentile(50), latency:percentile(99), errors.status,
      errors.connect + errors.read + errors.write + errors.timeout, any_wrapped))
end

-- The opening minute (bench/opening_minute.py): each wrk thread is one connection, one
-- person after another: it GETs the real form (taking the csrftoken cookie and the form's
-- csrfmiddlewaretoken), then POSTs it with a new e-mail address, from the person's own
-- client address sent as X-Forwarded-For. Person n (0 … people-1) is thread n % threads's
-- (n // threads)-th; their GET is due at start + n × (seconds / people), so the crowd is
-- spread over the minute; a thread stops when its last person's POST is answered.
--
-- Arguments (after --): form path, people, seconds, start (epoch ms), threads, tag (for the
-- e-mail addresses), the municipality's one address, how many of every 20 people sit
-- behind it, and how many other client addresses the rest come from.

local ffi = require("ffi")
ffi.cdef([[
typedef struct { long tv_sec; long tv_usec; } bench_timeval;
int gettimeofday(bench_timeval *tv, void *tz);
]])
local tv = ffi.new("bench_timeval")
local function now_ms()
  ffi.C.gettimeofday(tv, nil)
  return tonumber(tv.tv_sec) * 1000 + tonumber(tv.tv_usec) / 1000
end

local all_threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(all_threads, thread)
end

function init(args)
  path, people, seconds = args[1], tonumber(args[2]), tonumber(args[3])
  start, threads, tag = tonumber(args[4]), tonumber(args[5]), args[6]
  crowd_ip, crowd_per_20, spread = args[7], tonumber(args[8]), tonumber(args[9])
  quota = math.floor(people / threads) + ((id < people % threads) and 1 or 0)
  done_here = 0
  phase = "warm" -- the first request only opens the connection; the first GET is scheduled
  gets, posts = {}, {}
  statuses = {}
  last_post_ms = 0
  csrf_cookie, csrf_field = nil, nil
end

local function person()
  return done_here * threads + id
end

local function address(n)
  if n % 20 < crowd_per_20 then
    return crowd_ip
  end
  -- The others, numbered apart from the municipality's, share `spread` addresses in turn.
  local others_before = n - crowd_per_20 * math.floor(n / 20) - math.min(n % 20, crowd_per_20)
  local a = others_before % spread
  return string.format("81.%d.%d.%d", 10 + math.floor(a / 250), a % 250 + 1, 7)
end

function delay()
  if phase ~= "get" then
    return 0
  end
  local due = start + person() * seconds * 1000 / people
  return math.max(0, math.floor(due - now_ms()))
end

function request()
  sent_ms = now_ms()
  if phase == "warm" then
    return wrk.format("GET", "/bench/bare/")
  end
  local n = person()
  local headers = { ["X-Forwarded-For"] = address(n) }
  if phase == "get" then
    return wrk.format("GET", path, headers)
  end
  headers["Cookie"] = "csrftoken=" .. (csrf_cookie or "")
  headers["Content-Type"] = "application/x-www-form-urlencoded"
  local body = "csrfmiddlewaretoken=" .. (csrf_field or "")
    .. "&name=Deltagare+" .. n
    .. "&email=p" .. n .. "-" .. tag .. "%40" .. ((address(n) == crowd_ip) and "karlstad.example.se" or "example.org")
    .. "&organisation_name=" .. ((address(n) == crowd_ip) and "Karlstads+kommun" or "F%C3%B6reningen+Framtid")
  return wrk.format("POST", path, headers, body)
end

function response(status, headers, body)
  local took = now_ms() - sent_ms
  if phase == "warm" then
    phase = "get"
    return
  end
  local key = phase .. status
  statuses[key] = (statuses[key] or 0) + 1
  if phase == "get" then
    table.insert(gets, took)
    local cookie = headers["Set-Cookie"] or ""
    csrf_cookie = cookie:match("csrftoken=([^;]+)")
    csrf_field = body:match('name="csrfmiddlewaretoken" value="([^"]+)"')
    phase = "post"
    return
  end
  table.insert(posts, took)
  last_post_ms = now_ms()
  done_here = done_here + 1
  phase = "get"
  if done_here >= quota then
    wrk.thread:stop()
  end
end

local function percentile(values, p)
  if #values == 0 then
    return 0
  end
  table.sort(values)
  return values[math.max(1, math.ceil(#values * p))]
end

function done(summary, latency, requests)
  local all_gets, all_posts, counts, last = {}, {}, {}, 0
  for _, thread in ipairs(all_threads) do
    for _, v in ipairs(thread:get("gets")) do
      table.insert(all_gets, v)
    end
    for _, v in ipairs(thread:get("posts")) do
      table.insert(all_posts, v)
    end
    for k, v in pairs(thread:get("statuses")) do
      counts[k] = (counts[k] or 0) + v
    end
    last = math.max(last, thread:get("last_post_ms"))
  end
  local line = string.format(
    "RESULT gets=%d get_p50=%.1f get_p99=%.1f get_max=%.1f posts=%d post_p50=%.1f post_p99=%.1f post_max=%.1f last_post_ms=%.0f",
    #all_gets, percentile(all_gets, 0.5), percentile(all_gets, 0.99), percentile(all_gets, 1),
    #all_posts, percentile(all_posts, 0.5), percentile(all_posts, 0.99), percentile(all_posts, 1),
    last
  )
  for k, v in pairs(counts) do
    line = line .. string.format(" %s=%d", k, v)
  end
  io.write(line .. "\n")
end

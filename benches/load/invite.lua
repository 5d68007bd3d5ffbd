-- wrk: POST /api/v1/headshots with a fresh email on every request.
-- Arguments (after --): a tag unique to this wrk process, the due date.
local threads = 0

function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end

function init(args)
  tag = args[1] or "x"
  due = args[2]
  n = 0
end

function request()
  n = n + 1
  local body = string.format(
    '{"first_name":"Load","last_name":"Test","email":"m-%s-%d-%d@load.test","due_date":"%s"}',
    tag, tid, n, due)
  -- wrk.format replaces the headers given with -H: carry them over.
  local headers = { ["Content-Type"] = "application/json" }
  for k, v in pairs(wrk.headers) do headers[k] = v end
  return wrk.format("POST", nil, headers, body)
end

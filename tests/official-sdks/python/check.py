"""Drives fc3-local with Alibaba Cloud's official Python SDK (alibabacloud_fc20230330).

Usage: python check.py HOST:PORT   (a fresh fc3-local with its built-in functions and the
development key pair). Every one of the 8 operations, errors and a refused signature; exits 1
when a check fails. Run by .ci/official-sdks.
"""

import io
import sys
import time

from alibabacloud_fc20230330 import models as fc
from alibabacloud_fc20230330.client import Client
from alibabacloud_tea_openapi import models as open_api_models
from alibabacloud_tea_util import models as util_models

SINK_ARN = "acs:fc:cn-hangzhou:1234567890123456:functions/sink"
TERMINAL = ("Succeeded", "Failed", "Expired", "Stopped")

endpoint = sys.argv[1]


def client_with(secret):
    return Client(
        open_api_models.Config(
            access_key_id="fc3-local-dev",
            access_key_secret=secret,
            endpoint=endpoint,
            protocol="http",
            region_id="cn-hangzhou",
        )
    )


client = client_with("fc3-local-dev-secret")
runtime = util_models.RuntimeOptions()
results = []


def check(name, ok, detail=""):
    results.append(bool(ok))
    print(("ok   " if ok else "FAIL ") + name + ("" if ok else f": {detail}"))


def invoke(function, payload, headers=None):
    request = fc.InvokeFunctionRequest(body=io.BytesIO(payload))
    return client.invoke_function_with_options(
        function, request, headers or fc.InvokeFunctionHeaders(), runtime
    )


def invoke_async(function, task_id, payload):
    headers = fc.InvokeFunctionHeaders(
        x_fc_invocation_type="Async", x_fc_async_task_id=task_id
    )
    return invoke(function, payload, headers)


def put_config(function, **settings):
    request = fc.PutAsyncInvokeConfigRequest(body=fc.PutAsyncInvokeConfigInput(**settings))
    return client.put_async_invoke_config_with_options(function, request, {}, runtime)


def wait(function, task_id):
    """GetAsyncTask until the task ends (at most 10 s)."""
    for _ in range(200):
        task = client.get_async_task_with_options(
            function, task_id, fc.GetAsyncTaskRequest(), {}, runtime
        ).body
        if task.status in TERMINAL:
            break
        time.sleep(0.05)
    return task


def error_code(call):
    """The FC error code the SDK raised, or None when the call succeeded."""
    try:
        call()
    except Exception as error:  # the SDK raises TeaException
        return getattr(error, "code", repr(error))
    return None


answer = invoke("echo", b'{"hello":"sdk"}')
body = answer.body.read() if hasattr(answer.body, "read") else answer.body
check("sync invoke of echo answers 200", answer.status_code == 200, answer.status_code)
check("sync invoke of echo returns the event", body == b'{"hello":"sdk"}', body)
check("sync invoke carries x-fc-request-id", answer.headers.get("x-fc-request-id"), answer.headers)

stored = put_config(
    "fail",
    async_task=True,
    max_async_retry_attempts=1,
    max_async_event_age_in_seconds=600,
    destination_config=fc.DestinationConfig(on_failure=fc.Destination(destination=SINK_ARN)),
)
check("PutAsyncInvokeConfig returns the stored config",
      stored.status_code == 200 and stored.body.max_async_retry_attempts == 1, stored.body)
put_config("echo", async_task=True)
read = client.get_async_invoke_config_with_options(
    "fail", fc.GetAsyncInvokeConfigRequest(), {}, runtime
).body
check("GetAsyncInvokeConfig reads it back",
      read.max_async_event_age_in_seconds == 600 and read.async_task is True, read)
listed = client.list_async_invoke_configs_with_options(
    fc.ListAsyncInvokeConfigsRequest(limit=10), {}, runtime
).body
check("ListAsyncInvokeConfigs lists both", len(listed.configs) == 2, listed)

accepted = invoke_async("echo", "py-ok", b'{"n":1}')
check("async invoke answers 202", accepted.status_code == 202, accepted.status_code)
check("async invoke names the task",
      accepted.headers.get("x-fc-async-task-id") == "py-ok", accepted.headers)
invoke_async("fail", "py-fail", b'{"n":2}')
task = wait("echo", "py-ok")
check("GetAsyncTask: the echo task succeeded", task.status == "Succeeded", task)
task = wait("fail", "py-fail")
check("GetAsyncTask: the failing task failed after its 1 retry",
      task.status == "Failed" and task.already_retried_times == 1, task)
tasks = client.list_async_tasks_with_options(
    "echo", fc.ListAsyncTasksRequest(limit=10, include_payload=True), {}, runtime
).body.tasks
check("ListAsyncTasks lists the task with its payload",
      any(t.task_id == "py-ok" and t.task_payload == '{"n":1}' for t in tasks), tasks)

put_config("sleep", async_task=True)
invoke_async("sleep", "py-long", b"60000")
time.sleep(0.2)
stopped = client.stop_async_task_with_options(
    "sleep", "py-long", fc.StopAsyncTaskRequest(), {}, runtime
)
check("StopAsyncTask answers 200", stopped.status_code == 200, stopped.status_code)
task = wait("sleep", "py-long")
check("the stopped task ends Stopped", task.status == "Stopped", task)

deleted = client.delete_async_invoke_config_with_options(
    "fail", fc.DeleteAsyncInvokeConfigRequest(), {}, runtime
)
check("DeleteAsyncInvokeConfig answers 2xx", deleted.status_code in (200, 204), deleted.status_code)
code = error_code(lambda: client.get_async_invoke_config_with_options(
    "fail", fc.GetAsyncInvokeConfigRequest(), {}, runtime))
check("a deleted config is AsyncConfigNotExists", code == "AsyncConfigNotExists", code)
code = error_code(lambda: put_config("echo", max_async_retry_attempts=9))
check("9 retries is InvalidArgument", code == "InvalidArgument", code)
code = error_code(lambda: client_with("wrong").get_async_invoke_config_with_options(
    "echo", fc.GetAsyncInvokeConfigRequest(), {}, runtime))
check("a wrong secret is refused with SignatureNotMatch",
      code == "SignatureNotMatch", code)

passed = sum(results)
print(f"python SDK: {passed} of {len(results)} checks passed")
sys.exit(0 if passed == len(results) else 1)

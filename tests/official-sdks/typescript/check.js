// Drives fc3-local with Alibaba Cloud's official TypeScript SDK (@alicloud/fc20230330), which
// signs only host, content-type and the x-acs-* headers (the Python SDK signs them all).
//
// Usage: node check.js HOST:PORT   (a fresh fc3-local with its built-in functions and the
// development key pair). Every one of the 8 operations, errors and a refused signature; exits
// 1 when a check fails. Run by .ci/official-sdks.
'use strict';

const { Readable } = require('stream');
const FC = require('@alicloud/fc20230330');
const { $OpenApiUtil } = require('@alicloud/openapi-core');
const $dara = require('@darabonba/typescript');

const SINK_ARN = 'acs:fc:cn-hangzhou:1234567890123456:functions/sink';
const TERMINAL = ['Succeeded', 'Failed', 'Expired', 'Stopped'];
const endpoint = process.argv[2];

const clientWith = (secret) =>
  new FC.default(
    new $OpenApiUtil.Config({
      accessKeyId: 'fc3-local-dev',
      accessKeySecret: secret,
      endpoint,
      protocol: 'http',
      regionId: 'cn-hangzhou',
    }),
  );
const client = clientWith('fc3-local-dev-secret');
const runtime = new $dara.RuntimeOptions({});
const results = [];

function check(name, ok, detail) {
  results.push(Boolean(ok));
  console.log((ok ? 'ok   ' : 'FAIL ') + name + (ok ? '' : `: ${JSON.stringify(detail)}`));
}

async function text(stream) {
  const parts = [];
  for await (const part of stream) parts.push(Buffer.from(part));
  return Buffer.concat(parts).toString();
}

const invoke = (fn, payload, headers = {}) =>
  client.invokeFunctionWithOptions(
    fn,
    new FC.InvokeFunctionRequest({ body: Readable.from([Buffer.from(payload)]) }),
    new FC.InvokeFunctionHeaders(headers),
    runtime,
  );
const invokeAsync = (fn, taskId, payload) =>
  invoke(fn, payload, { xFcInvocationType: 'Async', xFcAsyncTaskId: taskId });
const putConfig = (fn, settings) =>
  client.putAsyncInvokeConfigWithOptions(
    fn,
    new FC.PutAsyncInvokeConfigRequest({ body: new FC.PutAsyncInvokeConfigInput(settings) }),
    {},
    runtime,
  );

// GetAsyncTask until the task ends (at most 10 s).
async function wait(fn, taskId) {
  let task;
  for (let i = 0; i < 200; i++) {
    task = (await client.getAsyncTaskWithOptions(fn, taskId, new FC.GetAsyncTaskRequest({}), {}, runtime)).body;
    if (TERMINAL.includes(task.status)) break;
    await new Promise((done) => setTimeout(done, 50));
  }
  return task;
}

// The FC error code the SDK threw, or null when the call succeeded.
async function errorCode(call) {
  try {
    await call();
  } catch (error) {
    return error.code || String(error);
  }
  return null;
}

async function main() {
  let answer = await invoke('echo', '{"hello":"sdk"}');
  check('sync invoke of echo answers 200', answer.statusCode === 200, answer.statusCode);
  check('sync invoke of echo returns the event', (await text(answer.body)) === '{"hello":"sdk"}');
  check('sync invoke carries x-fc-request-id', answer.headers['x-fc-request-id'], answer.headers);

  const stored = await putConfig('fail', {
    asyncTask: true,
    maxAsyncRetryAttempts: 1,
    maxAsyncEventAgeInSeconds: 600,
    destinationConfig: new FC.DestinationConfig({ onFailure: new FC.Destination({ destination: SINK_ARN }) }),
  });
  check('PutAsyncInvokeConfig returns the stored config',
    stored.statusCode === 200 && stored.body.maxAsyncRetryAttempts === 1, stored.body);
  await putConfig('echo', { asyncTask: true });
  const read = (await client.getAsyncInvokeConfigWithOptions('fail', new FC.GetAsyncInvokeConfigRequest({}), {}, runtime)).body;
  check('GetAsyncInvokeConfig reads it back', read.maxAsyncEventAgeInSeconds === 600 && read.asyncTask === true, read);
  const listed = (await client.listAsyncInvokeConfigsWithOptions(new FC.ListAsyncInvokeConfigsRequest({ limit: 10 }), {}, runtime)).body;
  check('ListAsyncInvokeConfigs lists both', listed.configs.length === 2, listed);

  answer = await invokeAsync('echo', 'ts-ok', '{"n":1}');
  check('async invoke answers 202', answer.statusCode === 202, answer.statusCode);
  check('async invoke names the task', answer.headers['x-fc-async-task-id'] === 'ts-ok', answer.headers);
  await invokeAsync('fail', 'ts-fail', '{"n":2}');
  let task = await wait('echo', 'ts-ok');
  check('GetAsyncTask: the echo task succeeded', task.status === 'Succeeded', task);
  task = await wait('fail', 'ts-fail');
  check('GetAsyncTask: the failing task failed after its 1 retry',
    task.status === 'Failed' && task.alreadyRetriedTimes === 1, task);
  const tasks = (await client.listAsyncTasksWithOptions('echo', new FC.ListAsyncTasksRequest({ limit: 10, includePayload: true }), {}, runtime)).body.tasks;
  check('ListAsyncTasks lists the task with its payload',
    tasks.some((t) => t.taskId === 'ts-ok' && t.taskPayload === '{"n":1}'), tasks);

  await putConfig('sleep', { asyncTask: true });
  await invokeAsync('sleep', 'ts-long', '60000');
  await new Promise((done) => setTimeout(done, 200));
  const stopped = await client.stopAsyncTaskWithOptions('sleep', 'ts-long', new FC.StopAsyncTaskRequest({}), {}, runtime);
  check('StopAsyncTask answers 200', stopped.statusCode === 200, stopped.statusCode);
  task = await wait('sleep', 'ts-long');
  check('the stopped task ends Stopped', task.status === 'Stopped', task);

  const deleted = await client.deleteAsyncInvokeConfigWithOptions('fail', new FC.DeleteAsyncInvokeConfigRequest({}), {}, runtime);
  check('DeleteAsyncInvokeConfig answers 2xx', [200, 204].includes(deleted.statusCode), deleted.statusCode);
  let code = await errorCode(() => client.getAsyncInvokeConfigWithOptions('fail', new FC.GetAsyncInvokeConfigRequest({}), {}, runtime));
  check('a deleted config is AsyncConfigNotExists', code === 'AsyncConfigNotExists', code);
  code = await errorCode(() => putConfig('echo', { maxAsyncRetryAttempts: 9 }));
  check('9 retries is InvalidArgument', code === 'InvalidArgument', code);
  code = await errorCode(() => clientWith('wrong').getAsyncInvokeConfigWithOptions('echo', new FC.GetAsyncInvokeConfigRequest({}), {}, runtime));
  check('a wrong secret is refused with SignatureNotMatch', code === 'SignatureNotMatch', code);

  const passed = results.filter(Boolean).length;
  console.log(`typescript SDK: ${passed} of ${results.length} checks passed`);
  process.exit(passed === results.length ? 0 : 1);
}

main().catch((error) => {
  console.log(`FAIL unexpected error: ${error.stack || error}`);
  process.exit(1);
});

// Setup of the `cloudbase` jest project: every `startGateway` of these suites runs on the CloudBase
// adapter over the replaying SDK double instead of SQLite.
process.env.QUNYUN_TEST_STORE = 'cloudbase';

// A parse thread's first module that cannot load (tests/adapters/parse-threads.test.ts): as a missing or broken
// module would fail.
throw new Error('Cannot find package "mailsplit" (a thread that cannot load its modules)');

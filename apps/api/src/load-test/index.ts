// What other features and tools may use of the load test (its command: ./load-test.commands.ts).
export { runLoadTest, type RunData, type RunEnvironment } from './runner.js';
export { buildResults, formatSummary, type LoadTestResults, type GroupStats } from './results.js';
export { renderReport } from './report-html.js';
export { writeResultFiles } from './result-files.js';
export { DEFAULTS, TARGETS, SCENARIOS, type LoadTestOptions, type Mix, type ScenarioName } from './load-test-options.js';
export { percentile, summarize, type LatencySummary } from './statistics.js';
export { CONVERSATIONS, type Conversation } from './conversations.js';

import { parseBenchOptions } from '../../bench/options';

describe('bench options', () => {
  it('reads the observer priority as a nice value and refuses one outside -20..19', () => {
    expect(parseBenchOptions(['--observer-nice=-10']).observerNice).toBe(-10);
    expect(parseBenchOptions([]).observerNice).toBeUndefined();
    expect(() => parseBenchOptions(['--observer-nice=-21'])).toThrow(/observerNice/);
    expect(() => parseBenchOptions(['--observer-nice', 'high'])).toThrow(/observerNice/);
  });

  it('begins every promise period at once unless told to spread them, over at most 600 minutes', () => {
    expect(parseBenchOptions([]).staggerMinutes).toBe(0);
    expect(parseBenchOptions(['--stagger-minutes', '0.5']).staggerMinutes).toBe(0.5);
    expect(() => parseBenchOptions(['--stagger-minutes=-1'])).toThrow(/staggerMinutes/);
    expect(() => parseBenchOptions(['--stagger-minutes', 'a month'])).toThrow(/staggerMinutes/);
  });

  it('runs two workflow threads unless told otherwise, and refuses a count outside 1..8', () => {
    expect(parseBenchOptions([]).workflowThreads).toBe(2);
    expect(parseBenchOptions(['--workflow-threads', '1']).workflowThreads).toBe(1);
    expect(() => parseBenchOptions(['--workflow-threads', '0'])).toThrow(/workflowThreads/);
    expect(() => parseBenchOptions(['--workflow-threads', '9'])).toThrow(/workflowThreads/);
  });

  it("leaves the workers' activity slots at the SDK's default unless told, and refuses fewer than one", () => {
    expect(parseBenchOptions([]).activitySlots).toBeUndefined();
    expect(parseBenchOptions(['--activity-slots', '4']).activitySlots).toBe(4);
    expect(() => parseBenchOptions(['--activity-slots', '0'])).toThrow(/activitySlots/);
    expect(() => parseBenchOptions(['--activity-slots', 'some'])).toThrow(/activitySlots/);
  });

  it('leaves a tenth of feedback rounds late unless told otherwise, and refuses a share outside 0..1', () => {
    expect(parseBenchOptions([]).lateFeedbackShare).toBe(0.1);
    expect(parseBenchOptions(['--late-feedback', '0']).lateFeedbackShare).toBe(0);
    expect(() => parseBenchOptions(['--late-feedback', '1.5'])).toThrow(/lateFeedbackShare/);
  });

  it('runs against a server started elsewhere only when given its host:port', () => {
    expect(parseBenchOptions([]).server).toBeUndefined();
    const external = parseBenchOptions(['--server', '127.0.0.1:17433', '--server-pid', '4242']);
    expect(external).toMatchObject({ server: '127.0.0.1:17433', serverPid: 4242 });
    expect(() => parseBenchOptions(['--server', 'localhost'])).toThrow(/host:port/);
  });

  it("keeps glibc's malloc for the workers unless told otherwise, and refuses an allocator it does not know", () => {
    expect(parseBenchOptions([]).workerMalloc).toBe('glibc');
    expect(parseBenchOptions(['--worker-malloc', 'jemalloc']).workerMalloc).toBe('jemalloc');
    expect(() => parseBenchOptions(['--worker-malloc', 'tcmalloc'])).toThrow(/workerMalloc/);
  });

  it('passes dynamic-config values to its own dev server only, as KEY=JSON pairs', () => {
    expect(parseBenchOptions([]).serverDynamicConfig).toBeUndefined();
    const values = 'matching.backlogNegligibleAge="1h" limit.blobSize.warn=1000';
    expect(parseBenchOptions(['--server-dynamic-config', values]).serverDynamicConfig).toBe(values);
    expect(() => parseBenchOptions(['--server-dynamic-config', 'matching.backlogNegligibleAge'])).toThrow(
      /KEY=JSON/,
    );
    expect(() =>
      parseBenchOptions(['--server-dynamic-config', values, '--server', '127.0.0.1:17433']),
    ).toThrow(/serverDynamicConfig/);
  });

  it('turns on eager activities only for its own dev server', () => {
    expect(parseBenchOptions([]).eagerActivities).toBe(false);
    expect(parseBenchOptions(['--eager-activities']).eagerActivities).toBe(true);
    expect(() => parseBenchOptions(['--eager-activities', '--server', '127.0.0.1:17433'])).toThrow(
      /eagerActivities/,
    );
  });

  it('profiles a server started elsewhere only when given its pid', () => {
    expect(parseBenchOptions([]).profileServer).toBe(false);
    expect(parseBenchOptions(['--profile-server']).profileServer).toBe(true);
    expect(() => parseBenchOptions(['--profile-server', '--server', '127.0.0.1:7233'])).toThrow(/server-pid/);
    expect(
      parseBenchOptions(['--profile-server', '--server', '127.0.0.1:7233', '--server-pid', '4242'])
        .profileServer,
    ).toBe(true);
  });
});

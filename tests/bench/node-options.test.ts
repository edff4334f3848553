import { nodeOptionsEnv } from '../../bench/node-options';

describe("worker processes' Node options", () => {
  it('passes options Node accepts as NODE_OPTIONS', () => {
    expect(nodeOptionsEnv('--max-semi-space-size=1')).toEqual({ NODE_OPTIONS: '--max-semi-space-size=1' });
  });

  it('changes nothing without options', () => {
    expect(nodeOptionsEnv(undefined)).toEqual({});
    expect(nodeOptionsEnv(' ')).toEqual({});
  });

  it("refuses options Node refuses, with Node's own reason, before any worker starts", () => {
    expect(() => nodeOptionsEnv('--no-such-flag')).toThrow(
      /--worker-node-options "--no-such-flag": .*--no-such-flag is not allowed in NODE_OPTIONS/,
    );
  });
});

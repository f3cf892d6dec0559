import { expect } from 'chai'
import { parseDuration } from '../../src/cli/duration.js'
import { exitCodeOf } from '../../src/cli/run.js'
import { CyxwizError, InvalidArgumentError, PeerRefusedError } from '../../src/errors.js'
import { parseBootstrapAddr } from '../../src/network/bootstrap-keeper.js'
import { u64Arg, intArg } from '../../src/cli/options.js'
import { Command } from 'commander'
import { coordinatorCommands } from '../../coordinator/cli.js'
import { defaultNodeRegistryInit } from '../../coordinator/registry/node-registry.js'

describe('CLI arguments', () => {
  it('reads durations as 10s, 500ms, 2m and bare milliseconds', () => {
    expect(parseDuration('10s')).to.equal(10_000)
    expect(parseDuration('500ms')).to.equal(500)
    expect(parseDuration('2m')).to.equal(120_000)
    expect(parseDuration('750')).to.equal(750)
  })

  it('refuses garbage, zero, negative and absurd durations with ERR_INVALID_DURATION', () => {
    for (const bad of ['abc', '', '0s', '-5s', '10 parsecs', '400d']) {
      expect(() => parseDuration(bad), bad).to.throw(InvalidArgumentError).with.property('code', 'ERR_INVALID_DURATION')
    }
  })

  it('wants a /p2p/ id in a bootstrap address', () => {
    expect(() => parseBootstrapAddr('/ip4/127.0.0.1/tcp/4001')).to.throw(InvalidArgumentError).with.property('code', 'ERR_INVALID_MULTIADDR')
    expect(() => parseBootstrapAddr('not a multiaddr')).to.throw(InvalidArgumentError).with.property('code', 'ERR_INVALID_MULTIADDR')
    const { peer } = parseBootstrapAddr('/ip4/127.0.0.1/tcp/4001/p2p/12D3KooWH9Q2fBydb7pgMtwHWDtbnfCXk9v5ijmrueUBBHcbV1Gi')
    expect(peer.toString()).to.equal('12D3KooWH9Q2fBydb7pgMtwHWDtbnfCXk9v5ijmrueUBBHcbV1Gi')
  })

  it('accepts prices as u64 base units only', () => {
    expect(u64Arg('0')).to.equal('0')
    expect(u64Arg('18446744073709551615')).to.equal('18446744073709551615')
    for (const bad of ['-1', '1.5', '18446744073709551616', '01', 'ten']) expect(() => u64Arg(bad), bad).to.throw(/base units/)
    expect(() => intArg(1, 10)('11')).to.throw(/from 1 to 10/)
  })

  it('reads the registry bounds of coordinator start: a retention of days, a positive cap', () => {
    const program = new Command()
    coordinatorCommands(program)
    const start = program.commands.find(c => c.name() === 'coordinator')?.commands.find(c => c.name() === 'start')
    const option = (long: string): { parseArg?: (v: string, prev: unknown) => unknown, defaultValue?: unknown } =>
      start?.options.find(o => o.long === long) ?? expect.fail(`no ${long}`)
    const retention = option('--registry-retention')
    expect(retention.defaultValue).to.equal(defaultNodeRegistryInit.retention)
    expect(retention.parseArg?.('30d', undefined)).to.equal(30 * 24 * 3_600_000)
    expect(() => retention.parseArg?.('400d', undefined)).to.throw(/between/)
    const cap = option('--registry-max-nodes')
    expect(cap.defaultValue).to.equal(defaultNodeRegistryInit.maxNodes)
    expect(cap.parseArg?.('500', undefined)).to.equal(500)
    expect(() => cap.parseArg?.('0', undefined)).to.throw(/from 1/)
  })

  it('maps named errors to distinct exit codes', () => {
    expect(exitCodeOf(new InvalidArgumentError('x'))).to.equal(2)
    expect(exitCodeOf(new CyxwizError('ERR_COORDINATOR_UNREACHABLE', 'x'))).to.equal(3)
    expect(exitCodeOf(new PeerRefusedError('ERR_PEER_BANNED', 'x'))).to.equal(4)
    expect(exitCodeOf(new CyxwizError('ERR_DATA_DIR', 'x'))).to.equal(5)
    expect(exitCodeOf(new Error('x'))).to.equal(1)
  })
})

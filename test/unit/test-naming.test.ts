/** Test cases recognised only by name (`def test_x`) count only inside test files. */
import { strict as assert } from 'assert';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { engine } from './helpers/engine';

describe('test cases recognised by name only', function () {
  this.timeout(60_000);
  it('do not count in application code (a Rails controller action named test_email)', async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'sr-naming-'));
    await fs.mkdir(path.join(root, 'app/controllers'), { recursive: true });
    await fs.mkdir(path.join(root, 'test/models'), { recursive: true });
    await fs.writeFile(path.join(root, 'app/controllers/admin_controller.rb'), 'class AdminController < ApplicationController\n  def test_email\n    Mailer.test_email.deliver_now\n  end\nend\n');
    await fs.writeFile(path.join(root, 'test/models/user_test.rb'), 'require "test_helper"\nclass UserTest < ActiveSupport::TestCase\n  def test_valid\n    assert User.new(name: "a").valid?\n  end\nend\n');
    const r = await (await engine()).scan(root);
    const cases = r.practices.find((p) => p.id === 'test-cases');
    assert.equal(cases?.count, 1, JSON.stringify(cases?.evidence));
    assert.ok(cases!.evidence.every((e) => e.path.startsWith('test/')), JSON.stringify(cases!.evidence));
  });
});

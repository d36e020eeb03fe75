/**
 * The dependency rules of .dependency-cruiser.cjs (`npm run lint:deps`) catch what they say:
 * a fixture tree (test/fixtures/dependency-rules/) breaks each rule once, next to imports that
 * are allowed, and exactly the wrong ones are reported.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { cruise, type IConfiguration, type ICruiseResult } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const FIXTURE = join(ROOT, 'test', 'fixtures', 'dependency-rules');
const config = createRequire(import.meta.url)(
  join(ROOT, '.dependency-cruiser.cjs'),
) as IConfiguration;

describe('dependency rules', () => {
  it('report each wrong-way import and cycle (once), and nothing else', async () => {
    // Act
    const { output } = await cruise(['src', 'views', 'packages'], {
      baseDir: FIXTURE,
      validate: true,
      ruleSet: { forbidden: config.forbidden ?? [] },
      doNotFollow: { path: 'node_modules' },
    });
    const violations = (output as ICruiseResult).summary.violations.map(
      // A package resolves to a file inside node_modules: named by its package.
      (v) =>
        `${v.rule.name}: ${v.from} -> ${v.to.replace(/^.*node_modules\/((@[^/]+\/)?[^/]+).*$/, '$1')}`,
    );

    // Assess
    expect(violations.sort()).toEqual(
      [
        'crew-imports-no-pipeline: src/crew/crew.mjs -> src/pipeline/step.mjs',
        'domain-imports-no-io: src/pricing/price.mjs -> src/storage/store.mjs',
        'dynamodb-sdk-only-in-storage: src/queue/queue.mjs -> @aws-sdk/client-dynamodb',
        'jobs-and-queue-import-no-listeners: src/jobs/wrong-way-job.mjs -> views/listeners/actions/some-button.mjs',
        'listeners-only-from-the-slack-app: src/jobs/wrong-way-job.mjs -> views/listeners/actions/some-button.mjs',
        'no-circular: src/money/cycle-a.mjs -> src/money/cycle-b.mjs',
        'packages-stand-alone: packages/standin/index.mjs -> views/some-card.mjs',
        'runtime-only-from-composition-roots: views/some-card.mjs -> src/runtime/runtime.mjs',
        'views-build-blocks-only: views/some-card.mjs -> src/runtime/runtime.mjs',
      ].sort(),
    );
  });
});

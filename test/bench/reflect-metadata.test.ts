// The decorator-metadata API a bench child provides where the application's polyfill would
// (src/bench/harness/reflect-metadata.ts): the package's own copy when it resolves one, else ours.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { provideReflectMetadata } from '../../src/bench/harness/reflect-metadata.js';

type MetadataApi = {
  defineMetadata(key: unknown, value: unknown, target: object, prop?: string): void;
  getMetadata(key: unknown, target: object, prop?: string): unknown;
  getOwnMetadata(key: unknown, target: object, prop?: string): unknown;
  getMetadataKeys(target: object, prop?: string): unknown[];
  hasMetadata(key: unknown, target: object, prop?: string): boolean;
};

describe('reflect metadata', () => {
  it('is provided when missing: per target and property, read up the prototype chain; then left as it is', () => {
    const api = Reflect as unknown as MetadataApi;
    assert.equal(typeof api.getMetadata, 'undefined', 'no polyfill in the test process');
    const asked: string[] = [];
    provideReflectMetadata((id) => {
      asked.push(id);
      throw new Error(`Cannot find module '${id}'`);
    });
    assert.deepEqual(asked, ['reflect-metadata'], "the package's own polyfill is tried first");
    class Base {}
    class Derived extends Base {}
    api.defineMetadata('role', 'admin', Base.prototype);
    api.defineMetadata('path', '/x', Derived.prototype, 'handle');
    api.defineMetadata('own', 1, Derived.prototype);
    const d = new Derived();
    assert.equal(api.getMetadata('role', d), 'admin');
    assert.equal(api.getOwnMetadata('role', Derived.prototype), undefined);
    assert.deepEqual(api.getMetadataKeys(d), ['own', 'role']);
    assert.equal(api.getMetadata('path', d, 'handle'), '/x');
    assert.equal(api.hasMetadata('path', d), false);
    const before = api.getMetadata;
    provideReflectMetadata(() => assert.fail('not asked again: the API is there'));
    assert.equal(api.getMetadata, before);
  });
});

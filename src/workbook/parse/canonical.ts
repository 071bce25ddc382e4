import { idKey } from '../cellParse';

/**
 * IDs and keys compare case-insensitively; the spelling first seen (in Contracts) becomes the
 * one every sheet uses, so later code can compare with ===.
 */
export class CanonicalNames {
  private readonly spellings = new Map<string, string>();

  /** Registers `name` (first spelling wins) and returns the canonical spelling. */
  add(name: string): string {
    const key = idKey(name);
    const known = this.spellings.get(key);
    if (known !== undefined) return known;
    this.spellings.set(key, name);
    return name;
  }

  has(name: string): boolean {
    return this.spellings.has(idKey(name));
  }

  /** The canonical spelling, or `name` itself when it was never seen. */
  get(name: string): string {
    return this.spellings.get(idKey(name)) ?? name;
  }
}

/** Names that are canonical within a scope, such as Products within one contract. */
export class ScopedNames {
  private readonly scopes = new Map<string, CanonicalNames>();

  private scope(scope: string): CanonicalNames {
    const key = idKey(scope);
    let names = this.scopes.get(key);
    if (!names) {
      names = new CanonicalNames();
      this.scopes.set(key, names);
    }
    return names;
  }

  add(scope: string, name: string): string {
    return this.scope(scope).add(name);
  }

  has(scope: string, name: string): boolean {
    return this.scopes.get(idKey(scope))?.has(name) ?? false;
  }

  get(scope: string, name: string): string {
    return this.scopes.get(idKey(scope))?.get(name) ?? name;
  }
}

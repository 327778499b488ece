/**
 * Package relations in memory: which code sits directly inside which (small boxes in a medium
 * package, medium packages in a case). Built from the edges the store returns around the codes a
 * check is looking at; answers "which small boxes does this case hold" and "which packages is
 * this box inside". A code has at most one parent. Pure.
 */
import type { PackageEdge } from './relationRow.js';

/** Levels are few (small, medium, large); a deeper chain means a cycle in the data. */
const MAX_DEPTH = 8;

export class PackageTree {
  private readonly parent = new Map<string, string>();
  private readonly children = new Map<string, string[]>();

  constructor(edges: Iterable<PackageEdge> = []) {
    this.add(edges);
  }

  add(edges: Iterable<PackageEdge>): void {
    for (const e of edges) {
      if (this.parent.get(e.drug_trac_codg) === e.parent_trac_codg) continue;
      this.parent.set(e.drug_trac_codg, e.parent_trac_codg);
      const list = this.children.get(e.parent_trac_codg) ?? [];
      list.push(e.drug_trac_codg);
      this.children.set(e.parent_trac_codg, list);
    }
  }

  /** The packages a code is inside, nearest first (a box → its medium package → its case). */
  parentsOf(code: string): string[] {
    const out: string[] = [];
    let c = this.parent.get(code);
    while (c !== undefined && out.length < MAX_DEPTH && !out.includes(c) && c !== code) {
      out.push(c);
      c = this.parent.get(c);
    }
    return out;
  }

  /** Every code inside a package at any depth (medium packages and their boxes), in tree order. */
  descendantsOf(code: string): string[] {
    const out: string[] = [];
    const walk = (c: string, depth: number) => {
      if (depth > MAX_DEPTH) return;
      for (const k of this.children.get(c) ?? []) {
        out.push(k);
        walk(k, depth + 1);
      }
    };
    walk(code, 1);
    return out;
  }

  /** The smallest packages inside a code (the leaves under it); empty when it holds nothing known. */
  expand(code: string): string[] {
    return this.descendantsOf(code).filter((c) => !this.children.has(c));
  }

  hasChildren(code: string): boolean {
    return this.children.has(code);
  }
}

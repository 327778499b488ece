/**
 * What `diff` finds: one discriminated union, from the point of view of bringing `current` up to
 * `target` ("add" = present in the target only, "drop" = present in the current database only).
 */
import type {
  Check,
  Column,
  ForeignKey,
  Index,
  OtherObject,
  PrimaryKey,
  Routine,
  Sequence,
  Table,
  TableOptions,
  View,
} from './model.js';

export type ColumnAspect =
  | 'type'
  | 'nullable'
  | 'default'
  | 'autoIncrement'
  | 'onUpdate'
  | 'generated'
  | 'charset'
  | 'comment';

export type Change =
  | { kind: 'table.add'; table: Table }
  | { kind: 'table.drop'; table: Table }
  | { kind: 'table.rename'; from: string; to: string }
  | {
      kind: 'table.options';
      table: string;
      from: TableOptions & { comment?: string };
      to: TableOptions & { comment?: string };
      aspects: Array<'engine' | 'charset' | 'comment'>;
    }
  | { kind: 'column.add'; table: string; column: Column; after: string | null }
  | { kind: 'column.drop'; table: string; column: Column }
  | { kind: 'column.rename'; table: string; from: string; to: string; column: Column }
  | { kind: 'column.alter'; table: string; from: Column; to: Column; aspects: ColumnAspect[] }
  | { kind: 'pk.add'; table: string; to: PrimaryKey }
  | { kind: 'pk.drop'; table: string; from: PrimaryKey }
  | { kind: 'pk.alter'; table: string; from: PrimaryKey; to: PrimaryKey }
  | { kind: 'index.add'; table: string; index: Index }
  | { kind: 'index.drop'; table: string; index: Index }
  | { kind: 'index.alter'; table: string; from: Index; to: Index }
  | { kind: 'index.rename'; table: string; from: Index; to: Index }
  | { kind: 'fk.add'; table: string; fk: ForeignKey }
  | { kind: 'fk.drop'; table: string; fk: ForeignKey }
  | { kind: 'fk.alter'; table: string; from: ForeignKey; to: ForeignKey }
  | { kind: 'check.add'; table: string; check: Check }
  | { kind: 'check.drop'; table: string; check: Check }
  | { kind: 'check.alter'; table: string; from: Check; to: Check }
  | { kind: 'view.add'; view: View }
  | { kind: 'view.drop'; view: View }
  | { kind: 'view.alter'; from: View; to: View }
  | { kind: 'routine.add'; routine: Routine }
  | { kind: 'routine.drop'; routine: Routine }
  | { kind: 'routine.alter'; from: Routine; to: Routine }
  | { kind: 'sequence.add'; sequence: Sequence }
  | { kind: 'sequence.drop'; sequence: Sequence }
  | { kind: 'sequence.alter'; from: Sequence; to: Sequence }
  | { kind: 'other.add'; object: OtherObject }
  | { kind: 'other.drop'; object: OtherObject }
  | { kind: 'other.alter'; from: OtherObject; to: OtherObject };

export type ChangeKind = Change['kind'];

/** The object family a change belongs to, for counts and reports. */
export function changeObject(
  c: Change,
): 'table' | 'column' | 'primary key' | 'index' | 'foreign key' | 'check' | 'view' | 'routine' | 'sequence' | 'other' {
  const k = c.kind.split('.')[0]!;
  return k === 'pk' ? 'primary key' : k === 'fk' ? 'foreign key' : (k as 'table');
}

/** `missing` = target has it, current lacks it; `extra` = the reverse; `changed` = both, different. */
export function changeDirection(c: Change): 'missing' | 'extra' | 'changed' {
  const op = c.kind.split('.')[1]!;
  return op === 'add' ? 'missing' : op === 'drop' ? 'extra' : 'changed';
}

/** A one-line description naming the object, e.g. `column patient_data.phone_cell`. */
export function changeTitle(c: Change): string {
  switch (c.kind) {
    case 'table.add':
    case 'table.drop':
      return `table ${c.table.name}`;
    case 'table.rename':
      return `table ${c.from} → ${c.to}`;
    case 'table.options':
      return `table ${c.table} (${c.aspects.join(', ')})`;
    case 'column.add':
    case 'column.drop':
      return `column ${c.table}.${c.column.name}`;
    case 'column.rename':
      return `column ${c.table}.${c.from} → ${c.to}`;
    case 'column.alter':
      return `column ${c.table}.${c.to.name} (${c.aspects.join(', ')})`;
    case 'pk.add':
    case 'pk.drop':
    case 'pk.alter':
      return `primary key of ${c.table}`;
    case 'index.add':
    case 'index.drop':
      return `index ${c.table}.${c.index.name}`;
    case 'index.alter':
      return `index ${c.table}.${c.to.name}`;
    case 'index.rename':
      return `index ${c.table}.${c.from.name} → ${c.to.name}`;
    case 'fk.add':
    case 'fk.drop':
      return `foreign key ${c.table}.${c.fk.name}`;
    case 'fk.alter':
      return `foreign key ${c.table}.${c.to.name}`;
    case 'check.add':
    case 'check.drop':
      return `check ${c.table}.${c.check.name}`;
    case 'check.alter':
      return `check ${c.table}.${c.to.name}`;
    case 'view.add':
    case 'view.drop':
      return `view ${c.view.name}`;
    case 'view.alter':
      return `view ${c.to.name}`;
    case 'routine.add':
    case 'routine.drop':
      return `${c.routine.kind} ${c.routine.name}`;
    case 'routine.alter':
      return `${c.to.kind} ${c.to.name}`;
    case 'sequence.add':
    case 'sequence.drop':
      return `sequence ${c.sequence.name}`;
    case 'sequence.alter':
      return `sequence ${c.to.name}`;
    case 'other.add':
    case 'other.drop':
      return `${c.object.kind.toLowerCase()} ${c.object.name}`;
    case 'other.alter':
      return `${c.to.kind.toLowerCase()} ${c.to.name}`;
  }
}

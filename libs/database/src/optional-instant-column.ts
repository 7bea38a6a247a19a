import { Column } from 'typeorm';

/** An instant that may be unset (`timestamptz NULL`): how every optional time in the schema is stored. */
export const OptionalInstantColumn = (name: string): PropertyDecorator => Column({ name, type: 'timestamptz', nullable: true });

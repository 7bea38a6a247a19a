import { Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { DataSource, QueryFailedError, TypeORMError } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/**
 * A hand-written statement of a hot path. Its text must name its result columns (no `*`), so that
 * a migration adding a column does not break the plans already prepared on open connections.
 */
export interface PreparedStatement {
  /** Unique per text: node-postgres refuses one name for two texts. */
  name: string;
  text: string;
}

/**
 * Runs hot statements as named prepared statements on TypeORM's own pool: PostgreSQL parses and
 * plans each once per connection instead of on every call (Repository.query sends unnamed ones).
 * Connections are taken and given back as TypeORM's query runner does: a connection that breaks
 * while in use is dropped from the pool, and a failed statement is thrown as TypeORM's
 * QueryFailedError (its code and message are pg's), so callers see what Repository.query threw.
 * A new connection (after a PostgreSQL restart, say) prepares its statements again on first use.
 */
@Injectable()
export class PreparedStatements {
  constructor(private readonly dataSource: DataSource) {}

  async rows<Row>(statement: PreparedStatement, values: unknown[]): Promise<Row[]> {
    const client = await this.pool().connect();
    let broken: Error | undefined;
    // A client emits 'error' when its connection breaks; without a listener that would crash the process.
    const onError = (error: Error) => (broken = error);
    client.on('error', onError);
    try {
      return (await client.query({ name: statement.name, text: statement.text, values })).rows as Row[];
    } catch (error) {
      throw new QueryFailedError(statement.text, values, error as Error);
    } finally {
      client.off('error', onError);
      client.release(broken);
    }
  }

  private pool(): Pool {
    const pool = (this.dataSource.driver as PostgresDriver).master as Pool | undefined;
    // What TypeORM throws once the data source is destroyed (at shutdown).
    if (!pool) throw new TypeORMError('Driver not Connected');
    return pool;
  }
}

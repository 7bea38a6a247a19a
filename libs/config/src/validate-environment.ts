import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { Environment } from './environment';

export class EnvironmentError extends Error {}

/**
 * Runs once, at start-up (ConfigModule's hook is synchronous), never on a request path.
 * Unknown variables are ignored; known ones are converted, defaulted and checked.
 */
export function validateEnvironment(raw: Record<string, unknown>): Environment {
  const known = Object.fromEntries(Object.keys(new Environment()).concat('DATABASE_URL').filter((key) => raw[key] !== undefined && raw[key] !== '').map((key) => [key, raw[key]]));
  const environment = plainToInstance(Environment, known, { exposeDefaultValues: true });
  const errors = validateSync(environment, { skipMissingProperties: false });
  if (errors.length > 0) {
    const lines = errors.map((error) => {
      const given = raw[error.property];
      if (given === undefined || given === '') return `${error.property} is required`;
      // URLs may carry passwords; secrets and tokens are never echoed. The raw value is shown, not its conversion (NaN).
      const value = /_URL$|SECRET|TOKEN/.test(error.property) ? '(hidden)' : JSON.stringify(given);
      const reasons = Object.values(error.constraints ?? {}).join('; ');
      return `${error.property}=${value}: ${reasons}`;
    });
    throw new EnvironmentError(`invalid configuration: ${lines.join(' | ')}`);
  }
  return environment;
}

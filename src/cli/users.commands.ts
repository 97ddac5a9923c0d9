import type { Command } from 'commander';
import { AppError } from '../kernel/errors.js';
import { ROLES, type Role } from '../users/roles.js';
import { emailSchema } from '../users/user.schema.js';
import { generatedPassword } from '../users/users.service.js';
import { remoteClient, withLocal } from './context.js';
import { json, stderr, stdout } from './output.js';

const email = (v: string) => {
  const r = emailSchema.safeParse(v);
  if (!r.success) throw new AppError('VALIDATION_FAILED', `Not an e-mail address: ${v}`, { errors: [{ path: '--email', message: 'an e-mail address' }] });
  return r.data;
};

/** Dashboard accounts on the local database (the way in when no SMTP is configured). */
export function registerUserCommands(program: Command) {
  const users = program.command('users').description('dashboard accounts: create, list, reset a password (local database)');
  const localOnly = () => {
    if (remoteClient()) throw new AppError('VALIDATION_FAILED', 'users commands work on the local database; unset LASTMILE_URL (use the dashboard or the API remotely)');
  };

  users
    .command('create')
    .description('create a user with a generated password (printed once on stdout); creates the tenant if it is new')
    .requiredOption('--tenant <name>', 'tenant name')
    .requiredOption('--email <email>', 'e-mail address (the sign-in name)')
    .option('--role <role>', `one of ${ROLES.join(', ')}`, 'owner')
    .option('--name <name>', 'display name')
    .action(async (o: { tenant: string; email: string; role: string; name?: string }) => {
      localOnly();
      if (!(ROLES as readonly string[]).includes(o.role)) throw new AppError('VALIDATION_FAILED', `--role must be one of ${ROLES.join(', ')}`, { errors: [{ path: '--role', message: ROLES.join(', ') }] });
      await withLocal(async (lm) => {
        const { tenant } = await lm.services.tenants.ensureTenant(o.tenant);
        const password = generatedPassword();
        const u = await lm.services.users.create(tenant.id, { email: email(o.email), role: o.role as Role, name: o.name ?? null, password });
        stderr(`Created ${u.role} ${u.email} in tenant ${tenant.name}. Store the password now: it is not shown again.`);
        stdout(password);
      });
    });

  users
    .command('list')
    .description("list a tenant's users")
    .requiredOption('--tenant <name>', 'tenant name')
    .option('--json', 'machine-readable output')
    .action(async (o: { tenant: string; json?: boolean }) => {
      localOnly();
      await withLocal(async (lm) => {
        const t = await lm.services.tenants.findTenantByName(o.tenant);
        if (!t) throw new AppError('NOT_FOUND', `No tenant ${o.tenant}`);
        const list = await lm.services.users.list(t.id);
        if (o.json) json(list);
        else for (const u of list) stdout(`${u.id}  ${u.email.padEnd(32)} ${u.role.padEnd(8)} ${u.status}`);
      });
    });

  users
    .command('reset-password')
    .description('give a user a new generated password (printed once on stdout) and end their sessions; unlocks the account')
    .requiredOption('--email <email>', "the user's e-mail")
    .action(async (o: { email: string }) => {
      localOnly();
      await withLocal(async (lm) => {
        const { user, password } = await lm.services.users.resetPasswordByOperator(email(o.email));
        stderr(`New password for ${user.email} (${user.role}); their sessions have ended. Store it now: it is not shown again.`);
        stdout(password);
      });
    });
}

/**
 * `crieur init [DIR]`: what a fresh machine needs to run crieur — a commented crieur.config.yaml (every key, its
 * default and meaning, a generated secret), a hardened systemd unit, and a compose.yaml (crieur + Redis +
 * PostgreSQL). Writes all three or none: an existing file is never overwritten.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { sampleConfig } from '../../config/sample.ts';
import { CliError, EXIT } from '../exit-codes.ts';
import { fileError } from '../../core/text/file-error.ts';
import { makeOutputDir } from '../make-dir.ts';

const CONFIG = 'crieur.config.yaml';
const UNIT = 'crieur.service';
const COMPOSE = 'compose.yaml';
/** The checkout crieur runs from (the bin, node_modules): the unit starts it, the compose file mounts it. */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url)).replace(/\/$/, '');

export function registerInit(program: Command): void {
  program
    .command('init')
    .description(`write a commented ${CONFIG}, a systemd unit and a compose.yaml into DIR (never overwrites)`)
    .argument('[dir]', 'where to write them', '.')
    .action(async (dirArg: string) => {
      const dir = resolve(dirArg);
      const files = { [CONFIG]: configFile(dir), [UNIT]: systemdUnit(dir), [COMPOSE]: composeFile() };
      const present = Object.keys(files).filter((f) => existsSync(join(dir, f)));
      if (present.length > 0) {
        throw new CliError(`${present.map((f) => join(dir, f)).join(', ')} already exist${present.length === 1 ? 's' : ''}: nothing written (move ${present.length === 1 ? 'it' : 'them'} away, or choose another DIR)`, EXIT.failure);
      }
      await makeOutputDir(dir, 'DIR');
      // 'wx': a file that appeared since the check above is still not overwritten. The config holds the secret.
      for (const [name, text] of Object.entries(files)) {
        const path = join(dir, name);
        await writeFile(path, text, { flag: 'wx', mode: name === CONFIG ? 0o600 : 0o644 }).catch((err: unknown) => {
          throw fileError(err, { path, role: 'output', action: 'write', setting: 'DIR' });
        });
      }
      const config = join(dir, CONFIG);
      process.stdout.write(
        [
          `wrote ${config} (every key with its default, and a generated secret)`,
          '  set these before crieur start (in it, or as CRIEUR_* variables; the defaults reach nobody):',
          ...MUST_SET.map(([key, why]) => `    ${key.padEnd(19)} ${why}`),
          `  then: crieur doctor --config ${config} (it fails on each of them still unset, and on every service it cannot reach)`,
          `wrote ${join(dir, UNIT)} (systemd: its first lines install it; the config must be readable by the user crieur: chown root:crieur, chmod 640)`,
          `wrote ${join(dir, COMPOSE)} (docker compose up -d: crieur, Redis and PostgreSQL)`,
          '',
        ].join('\n'),
      );
    });
}

function configFile(dir: string): string {
  return sampleConfig({
    secret: randomBytes(24).toString('base64url'),
    // DIR's own data directory (the one the unit makes writable), not ./data of wherever a command is run: a relative
    // pglite:// path is read from the current directory, so `crieur proposals list --config DIR/crieur.config.yaml`
    // run from elsewhere made an empty database there and answered « no proposals ».
    databaseUrl: `pglite://${join(dir, 'data', 'crieur')}`,
    header: [
      'crieur configuration, written by `crieur init`. Every key is shown with its default; a commented-out',
      'key has none (an example is given). Any key can be set by an environment variable instead:',
      'CRIEUR_<KEY>, nested keys joined by _ (CRIEUR_SMTP_URL, CRIEUR_INBOX_POLLSECONDS). An unknown key is refused.',
      'Keep this file private: it holds the secret that signs reply tokens.',
    ].join('\n'),
  });
}

/**
 * The keys whose defaults give a service nobody can write to or answer (addresses at crieur.invalid, no organizer,
 * no inbox, no mail server): what the operator must set before `crieur start`. `crieur doctor` fails each of them.
 */
export const MUST_SET: readonly (readonly [string, string])[] = [
  ['group.name', "your group's name, in every mail (default: crieur)"],
  ['addresses.proposals', 'the address speakers write to: the watched inbox (default: talks@crieur.invalid)'],
  ['addresses.from', 'From: of the mails crieur sends, e.g. "PostgreSQL Paris <talks@pgug.example.org>"'],
  ['addresses.bounces', "where undeliverable mail comes back (optional; default: addresses.from's address)"],
  ['organizers', 'who may decide on proposals, e.g. [dim@example.org] (default: nobody)'],
  ['inbox.url', 'imap://user:pass@host/INBOX, imaps://… or maildir:///path'],
  ['smtp.url', 'the mail server crieur sends through, e.g. smtp://127.0.0.1:25'],
  ['lists', 'the mailing lists to announce to (optional)'],
];

/** A directory a private /tmp (PrivateTmp=yes) would hide from the service. */
const underTmp = (dir: string) => /^\/(?:var\/)?tmp(?:\/|$)/.test(dir);

export function systemdUnit(dir: string): string {
  return `# crieur as a systemd service, written by \`crieur init\`.
# Install: cp ${UNIT} /etc/systemd/system/ && useradd --system crieur && mkdir -p ${dir}/data && chown crieur: ${dir}/data
#          chown root:crieur ${dir}/${CONFIG} && chmod 640 ${dir}/${CONFIG}   # crieur must read it; it holds the secret
#          systemctl daemon-reload && systemctl enable --now crieur
# The configuration file unreadable by the user crieur, the service exits 78 (configuration) and is not restarted.
[Unit]
Description=crieur: the mail of the user group (talk proposals, acknowledgements, announcements)
Documentation=file://${ROOT}/README.md
After=network-online.target redis-server.service postgresql.service
Wants=network-online.target

[Service]
Type=simple
User=crieur
WorkingDirectory=${dir}
ExecStart=${process.execPath} ${ROOT}/src/cli/crieur.js start --config ${dir}/${CONFIG}
# SIGTERM drains the workers and exits 0; a start-up failure exits 1 (or 78: bad configuration, not restarted).
Restart=on-failure
RestartSec=5
RestartPreventExitStatus=78
TimeoutStopSec=60

# Hardening: crieur needs the network, its data directory (${dir}/data: database.url's pglite:// directory) and nothing else.
NoNewPrivileges=yes
ProtectSystem=strict
ProtectHome=read-only
ReadWritePaths=${dir}/data
# A maildir:// inbox: crieur moves handled mail within it (new/ → cur/), so it must be writable too — uncomment
# with inbox.url's path (and make it the user crieur's):
#ReadWritePaths=/var/mail/crieur/Maildir
${underTmp(dir) ? `# No PrivateTmp: ${dir} is under /tmp, which a private /tmp would hide from the service.` : 'PrivateTmp=yes'}
PrivateDevices=yes
ProtectKernelTunables=yes
ProtectKernelModules=yes
ProtectKernelLogs=yes
ProtectControlGroups=yes
ProtectClock=yes
ProtectHostname=yes
RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX
RestrictNamespaces=yes
RestrictRealtime=yes
RestrictSUIDSGID=yes
LockPersonality=yes
SystemCallArchitectures=native
CapabilityBoundingSet=
AmbientCapabilities=
UMask=0077
# Not MemoryDenyWriteExecute: V8's JIT writes executable memory.

[Install]
WantedBy=multi-user.target
`;
}

function composeFile(): string {
  const pgPassword = randomBytes(18).toString('base64url');
  return `# crieur, Redis and PostgreSQL with docker compose, written by \`crieur init\`. Start: docker compose up -d
# crieur runs from this checkout (${ROOT}, mounted read-only, node_modules included) with ./${CONFIG};
# the variables below override its database and Redis URLs to point at the two services.
services:
  crieur:
    image: node:20-bookworm-slim
    init: true
    working_dir: /app
    command: ["node", "src/cli/crieur.js", "start", "--config", "/etc/crieur/${CONFIG}"]
    environment:
      CRIEUR_DATABASE_URL: "postgres://crieur:${pgPassword}@postgres:5432/crieur"
      CRIEUR_REDIS_URL: "redis://redis:6379"
      CRIEUR_HTTP_HOST: "0.0.0.0"
    volumes:
      - "${ROOT}:/app:ro"
      - "./${CONFIG}:/etc/crieur/${CONFIG}:ro"
    ports:
      - "127.0.0.1:9464:9464" # /healthz, /metrics, /admin/queues: this machine only
    depends_on:
      redis: { condition: service_healthy }
      postgres: { condition: service_healthy }
    restart: on-failure
    stop_grace_period: 60s

  redis:
    image: redis:7-bookworm
    command: ["redis-server", "--appendonly", "yes"]
    volumes: ["redis-data:/data"]
    healthcheck: { test: ["CMD", "redis-cli", "ping"], interval: 5s, retries: 10 }
    restart: unless-stopped

  postgres:
    image: postgres:17-bookworm
    environment:
      POSTGRES_USER: crieur
      POSTGRES_PASSWORD: "${pgPassword}"
      POSTGRES_DB: crieur
    volumes: ["postgres-data:/var/lib/postgresql/data"]
    healthcheck: { test: ["CMD", "pg_isready", "-U", "crieur"], interval: 5s, retries: 10 }
    restart: unless-stopped

volumes:
  redis-data:
  postgres-data:
`;
}

import { Migration } from '@herald/persistence';

export class CreateDirectory extends Migration {
  override up(): void {
    // The projection of the DIRECTORY stream (rebuildable).
    this.addSql(`create table directory_users (
      tenant_id text not null,
      user_id text not null,
      display_name text,
      user_principal_name text,
      mail text,
      account_enabled boolean not null,
      user_type text,
      guest boolean not null,
      disabled boolean not null,
      primary key (tenant_id, user_id)
    )`);
    // The sync's own state (not a projection): where each tenant's round stands, and what was last emitted per user.
    this.addSql(`create table directory_sync_state (
      tenant_id text primary key,
      link text,
      round integer not null,
      full_round boolean not null,
      lease_owner text,
      lease_until timestamptz,
      updated_at timestamptz not null default now()
    )`);
    this.addSql(`create table directory_sync_seen (
      tenant_id text not null,
      user_id text not null,
      fingerprint text not null,
      seen_round integer not null,
      primary key (tenant_id, user_id)
    )`);
    // Tenants of installed conversations (projection of CONVERSATIONS).
    this.addSql('create table known_tenants (tenant_id text primary key)');
  }

  override down(): void {
    this.addSql('drop table known_tenants');
    this.addSql('drop table directory_sync_seen');
    this.addSql('drop table directory_sync_state');
    this.addSql('drop table directory_users');
  }
}

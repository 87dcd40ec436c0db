import { Migration } from '@herald/persistence';

export class CreateGroupsAndInstalls extends Migration {
  override up(): void {
    // The group members cache (not a projection): one set per group, replaced whole when refreshed.
    this.addSql(`create table group_member_sets (
      tenant_id text not null,
      group_id text not null,
      fetched_at timestamptz not null,
      primary key (tenant_id, group_id)
    )`);
    this.addSql(`create table group_members (
      tenant_id text not null,
      group_id text not null,
      user_id text not null,
      display_name text,
      user_principal_name text,
      account_enabled boolean,
      user_type text,
      primary key (tenant_id, group_id, user_id),
      foreign key (tenant_id, group_id) references group_member_sets (tenant_id, group_id) on delete cascade
    )`);
    // known_tenants (projection of CONVERSATIONS): the serviceUrl and bot id of the tenant's latest install.
    this.addSql('alter table known_tenants add column service_url text, add column bot_id text');
  }

  override down(): void {
    this.addSql('alter table known_tenants drop column service_url, drop column bot_id');
    this.addSql('drop table group_members');
    this.addSql('drop table group_member_sets');
  }
}

/** The activity fields the inbound checks read (structurally satisfied by `InboundActivity`). */
export interface AuthenticatedActivity {
  readonly serviceUrl: string;
  readonly channelId?: string | undefined;
  readonly conversation?: { readonly tenantId?: string | undefined } | undefined;
  readonly channelData?: { readonly tenant?: { readonly id?: string | undefined } | undefined } | undefined;
}

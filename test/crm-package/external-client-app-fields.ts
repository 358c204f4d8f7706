/**
 * The External Client App metadata types, which the Metadata API schema shipped with jsforce predates:
 * their fields as the Metadata API Developer Guide documents them, in the same shape as jsforce's
 * schema ('?' = optional, '[T]' = repeated), with the API version each field appeared in (the package
 * may use only fields its sourceApiVersion knows) and the values of enumerated fields.
 * Only documented fields are listed; an element the docs do not name fails the check.
 *
 * Pages (developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/…):
 * meta_externalclientapplication.htm, meta_extlclntappglobaloauthsettings.htm,
 * meta_extlclntappoauthsettings.htm, meta_extlclntappconfigurablepolicies.htm,
 * meta_extlclntappoauthconfigurablepolicies.htm. Element order: the docs list fields alphabetically,
 * as the Metadata API WSDL orders its sequences; files keep that order.
 */
export interface DocumentedType {
  type: string;
  since: number;
  props: Record<string, string | [string]>;
  /** API version a field appeared in, when later than the type's own. */
  fieldSince?: Record<string, number>;
  enums?: Record<string, string[]>;
  extends?: string;
}

export const EXTERNAL_CLIENT_APP_TYPES: Record<string, DocumentedType> = {
  ExternalClientApplication: {
    type: 'ExternalClientApplication',
    since: 59,
    extends: 'Metadata',
    // contactEmail and label are required by Salesforce Help, "Create a Local External Client App with Metadata API".
    props: {
      contactEmail: 'string',
      contactPhone: '?string',
      description: '?string',
      distributionState: '?string',
      iconUrl: '?string',
      infoUrl: '?string',
      isProtected: '?boolean',
      label: 'string',
      logoUrl: '?string',
      orgScopedExternalApp: '?string',
    },
    // AutoInstalled and Managed are "for internal use only".
    enums: { distributionState: ['Local', 'Packaged'] },
  },
  ExtlClntAppGlobalOauthSettings: {
    type: 'ExtlClntAppGlobalOauthSettings',
    since: 59,
    extends: 'Metadata',
    props: {
      callbackUrl: '?string',
      certificate: '?string',
      consumerKey: '?string',
      consumerSecret: '?string',
      externalClientApplication: 'string',
      isClientCredentialsFlowEnabled: '?boolean',
      isConsumerSecretOptional: '?boolean',
      isIntrospectAllTokens: '?boolean',
      isPkceRequired: '?boolean',
      isSecretRequiredForRefreshToken: '?boolean',
      label: '?string',
      shouldRotateConsumerKey: '?boolean',
      shouldRotateConsumerSecret: '?boolean',
    },
    fieldSince: { certificate: 60, isClientCredentialsFlowEnabled: 60 },
  },
  ExtlClntAppOauthSettings: {
    type: 'ExtlClntAppOauthSettings',
    since: 59,
    extends: 'Metadata',
    props: {
      commaSeparatedOauthScopes: 'string',
      customAttributes: ['ExtlClntAppOauthSettingsAttribute'],
      externalClientApplication: 'string',
      label: 'string',
      oauthLink: '?string',
      singleLogoutUrl: '?string',
      trustedIpRanges: ['ExtlClntAppOauthIpRange'],
    },
  },
  ExtlClntAppOauthSettingsAttribute: { type: 'ExtlClntAppOauthSettingsAttribute', since: 59, props: { formula: 'string', key: 'string' } },
  ExtlClntAppOauthIpRange: { type: 'ExtlClntAppOauthIpRange', since: 59, props: { description: '?string', endIpAddress: 'string', startIpAddress: 'string' } },
  ExtlClntAppConfigurablePolicies: {
    type: 'ExtlClntAppConfigurablePolicies',
    since: 60,
    extends: 'Metadata',
    props: {
      externalClientApplication: 'string',
      isEnabled: 'boolean',
      isMobilePluginEnabled: '?boolean',
      isOauthPluginEnabled: '?boolean',
      label: '?string',
    },
    fieldSince: { isMobilePluginEnabled: 63 },
  },
  ExtlClntAppOauthConfigurablePolicies: {
    type: 'ExtlClntAppOauthConfigurablePolicies',
    since: 59,
    extends: 'Metadata',
    props: {
      apexHandler: '?string',
      clientCredentialsFlowUser: '?string',
      commaSeparatedCustomScopes: '?string',
      commaSeparatedPermissionSet: '?string',
      customAttributes: ['ExtlClntAppOauthPoliciesAttribute'],
      executeHandlerAs: '?string',
      externalClientApplication: 'string',
      ipRelaxationPolicyType: '?string',
      isClientCredentialsFlowEnabled: '?boolean',
      isTokenExchangeFlowEnabled: '?boolean',
      label: '?string',
      permittedUsersPolicyType: '?string',
      policyAction: '?string',
      refreshTokenPolicyType: '?string',
      sessionTimeoutInMinutes: '?number',
      singleLogoutUrl: '?string',
      startUrl: '?string',
    },
    fieldSince: { apexHandler: 61, clientCredentialsFlowUser: 60, commaSeparatedCustomScopes: 61, executeHandlerAs: 61, isClientCredentialsFlowEnabled: 60, isTokenExchangeFlowEnabled: 60 },
    enums: {
      ipRelaxationPolicyType: ['Enforce', 'Bypass', 'Bypass_2factor', 'Enforce_RelaxRefresh'],
      permittedUsersPolicyType: ['AdminApprovedPreAuthorized', 'AllSelfAuthorized'],
      policyAction: ['Block', 'RaiseSessionLevel'],
    },
  },
  ExtlClntAppOauthPoliciesAttribute: { type: 'ExtlClntAppOauthPoliciesAttribute', since: 59, props: { formula: 'string', key: 'string' } },
};

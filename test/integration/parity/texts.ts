// The server's texts, copied from plausible-api.md (§2, §4.9, §5, §6, §7): the raw runs compare against these.

export const texts = {
  missingKey: 'Missing API key. Please use a valid Plausible API key as a Bearer Token.',
  invalidKeyOrSite:
    "Invalid API key or site ID. Please make sure you're using a valid API key with access to the site you've requested.",
  invalidKeySites:
    "Invalid API key. Please make sure you're using a valid API key with access to the resource you've requested.",
  missingSiteId: 'Missing site ID. Please provide the required site_id parameter with your request.',
  noStatsApi:
    "The account that owns this API key does not have access to Stats API. Please make sure you're using the API key of a subscriber account and that the subscription plan includes Stats API",
  locked:
    'This Plausible site is locked due to missing active subscription. In order to access it, the site owner should subscribe to a suitable plan',
  rateLimited: (limit: number) =>
    `Too many API requests. Your API key is limited to ${limit} requests per hour. Please contact us to request more capacity.`,
  v1: {
    invalidPeriod: (period: string) =>
      `Error parsing \`period\` parameter: invalid period \`${period}\`. Please find accepted values in our docs: https://plausible.io/docs/stats-api#time-periods`,
    customWithoutDate:
      'The `date` parameter is required when using a custom period. See https://plausible.io/docs/stats-api#time-periods',
    invalidInterval: (interval: string) =>
      `Error parsing \`interval\` parameter: invalid interval \`${interval}\`. Valid intervals are \`day\`, \`month\``,
    unknownMetric: (metric: string) =>
      `The metric \`${metric}\` is not recognized. Find valid metrics from the documentation: https://plausible.io/docs/stats-api#metrics`,
    duplicateMetrics: 'Metrics cannot be queried multiple times.',
    missingProperty:
      'The `property` parameter is required. Please provide at least one property to show a breakdown by.',
    invalidProperty: (property: string) =>
      `Invalid property '${property}'. Please provide a valid property for the breakdown endpoint: https://plausible.io/docs/stats-api#properties`,
    badLimit: 'Please provide limit as a number between 1 and 1000.',
    badPage: 'Please provide page as a positive number.',
    noCustomProps: 'The owner of this site does not have access to the custom properties feature',
  },
  sites: {
    siteNotFound: 'Site could not be found',
    goalNotFound: 'Goal could not be found',
    domainBlank: "domain: can't be blank",
    emptyUpdate:
      "Payload must contain at least one of the parameters 'domain', 'tracker_script_configuration'",
    goalsNeedSiteId: 'Parameter `site_id` is required to list goals',
    goalNeedsType: 'Parameter `goal_type` is required to create a goal',
    propNeedsProperty: 'Parameter `property` is required to create a custom property',
    guestNeedsRole: 'Parameter `role` is required to create guest. Possible values: `viewer` or `editor`',
    noSharedLinks: 'Your current subscription plan does not include Shared Links',
  },
} as const

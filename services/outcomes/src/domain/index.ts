// The outcomes service's pure domain: questionnaires, scoring, outcome rule sets, episode outcomes and service
// metrics. Framework-free; the application layer (HTTP, Kafka, read models) calls these.
export * from './outcomes-domain.error';
export * from './questionnaires/questionnaire-definition';
export * from './questionnaires/questionnaire-catalogue';
export * from './questionnaires/unsupported-measures';
export * from './questionnaires/fhir-questionnaire.mapper';
export * from './scoring/scored-response';
export * from './scoring/score-response';
export * from './rule-sets/outcome-rule-set';
export * from './rule-sets/v1.rule-set';
export * from './rule-sets/rule-set-registry';
export * from './episode-outcomes/episode-outcome';
export * from './episode-outcomes/problem-descriptor';
export * from './episode-outcomes/anxiety-measure.selector';
export * from './episode-outcomes/compute-episode-outcome';
export * from './service-metrics/outcome-metrics';
export * from './service-metrics/summarise-outcomes';
export * from './responses/questionnaire-response.decider';
export * from './episode-records/episode-record.decider';
export * from './invitations/questionnaire-invitation.decider';
export * from './community-wellbeing/community-wellbeing';

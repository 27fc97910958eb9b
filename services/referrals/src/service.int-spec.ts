import { describeServiceEdge } from '@stepwell/service-host/testing';
import { AppModule } from './app.module';
import { loadReferralsConfig } from './config';
import { REFERRALS_HTTP } from './shared/http-options';

describeServiceEdge({
  name: 'referrals',
  http: REFERRALS_HTTP,
  module: (env) => AppModule.forRoot(loadReferralsConfig(undefined, env)),
  eventStoreSchema: 'referrals_events',
  tables: ['break_glass_grant', 'break_glass_queue_checkpoint', 'care_relationship', 'sharing_consent', 'care_thread_refusals', 'care_threads', 'directory_services', 'episode_waiting', 'known_consultations', 'known_mdt_cases', 'messaging_dead_letters', 'messaging_inbox', 'migrations', 'notification_requests', 'organisation_registry', 'patient_contacts', 'patient_lookup', 'patient_lookup_keys', 'projection_checkpoints', 'referral_queue', 'secondary_use_opt_outs', 'social_prescription_facts', 'step_change_proposals'],
  // Referrals publishes its events: readiness and /metrics report how far the relay is behind its log.
  messagingReadiness: { relay: { eventsBehind: expect.any(Number), secondsBehind: expect.any(Number) } },
  metricLines: [
    /^stepwell_relay_events_behind\{subscription="referrals\.relay"\} \d+$/m,
    /^stepwell_relay_seconds_behind\{subscription="referrals\.relay"\} [\d.]+$/m,
  ],
  documentedPaths: [
    '/referrals',
    '/referrals/{id}',
    '/referrals/{id}/withdraw',
    '/referrals/{id}/triage',
    '/self-referrals',
    '/episodes',
    '/episodes/{id}',
    '/episodes/{id}/opt-in',
    '/episodes/{id}/pauses',
    '/episodes/{id}/pauses/{pauseId}/end',
    '/episodes/{id}/step-changes',
    '/episodes/{id}/discharge',
    '/patients/{patientId}/episodes',
    '/patients/{patientId}/journey',
    '/patients/{patientId}/erasure',
    '/organisations',
    '/organisations/{code}',
    // Gap watch (issue 18).
    '/care-threads',
    '/care-threads/{id}',
    '/care-threads/{id}/close',
    '/metrics/gaps',
  ],
});

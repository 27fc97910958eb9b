import { loadServiceConfig } from './service-config';
import { describeServiceConfig } from './testing';

// The shared rules hold for any default port a service chooses.
describeServiceConfig('any service', (defaultPort, env) => loadServiceConfig(defaultPort ?? 3900, env), 3900);

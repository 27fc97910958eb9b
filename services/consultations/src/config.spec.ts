import { describeServiceConfig, describeTestClockConfig } from '@stepwell/service-host/testing';
import { loadConsultationsConfig } from './config';

describeServiceConfig('consultations', loadConsultationsConfig, 3003);

describeTestClockConfig('consultations', loadConsultationsConfig);

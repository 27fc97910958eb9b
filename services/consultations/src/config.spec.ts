import { describeServiceConfig } from '@stepwell/service-host/testing';
import { loadConsultationsConfig } from './config';

describeServiceConfig('consultations', loadConsultationsConfig, 3003);

export {
  CRISIS_INFORMATION,
  CRISIS_INFORMATION_V1,
  type CrisisContact,
  type CrisisInformation,
} from './crisis-information';

/**
 * The injection token under which a service host provides the service's one `MessageTransport` (a plain symbol: this
 * library knows no framework; @stepwell/service-host's `ServiceMessagingModule` provides it, and a platform library
 * composed by the host, such as @stepwell/transparency, injects it without depending on the host).
 */
export const MESSAGE_TRANSPORT = Symbol('stepwell.messageTransport');

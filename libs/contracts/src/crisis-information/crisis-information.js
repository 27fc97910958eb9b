"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.CRISIS_INFORMATION = exports.CRISIS_INFORMATION_V1 = void 0;
exports.CRISIS_INFORMATION_V1 = Object.freeze({
    version: 'crisis-information/1',
    message: 'You told us you have been having thoughts of ending your life or harming yourself. You do not have to wait for your appointment: help is available now.',
    contacts: Object.freeze([
        Object.freeze({
            code: 'nhs-111-mental-health',
            name: 'NHS 111, mental health option',
            telephone: '111, then option 2',
            when: 'For urgent mental health help, any time of day or night.',
        }),
        Object.freeze({
            code: 'samaritans',
            name: 'Samaritans',
            telephone: '116 123',
            when: 'To talk to someone, free, 24 hours a day, every day.',
        }),
        Object.freeze({
            code: 'emergency-999',
            name: 'Emergency services',
            telephone: '999',
            when: 'If your life is at risk or you cannot keep yourself safe: call 999 or go to A&E now.',
        }),
    ]),
});
/** The crisis information in force: the one every response shows. */
exports.CRISIS_INFORMATION = exports.CRISIS_INFORMATION_V1;
//# sourceMappingURL=crisis-information.js.map
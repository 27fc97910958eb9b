"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.ReferralWithdrawnV1Contract = exports.ReferralWithdrawnV1Payload = void 0;
const class_validator_1 = require("class-validator");
const contract_1 = require("../../contract");
const vocabulary_1 = require("./vocabulary");
const identifiers_1 = require("../../shared/identifiers");
class ReferralWithdrawnV1Payload {
    referralId;
    reason;
    withdrawnAt;
}
exports.ReferralWithdrawnV1Payload = ReferralWithdrawnV1Payload;
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Matches)(identifiers_1.OPAQUE_ID),
    __metadata("design:type", String)
], ReferralWithdrawnV1Payload.prototype, "referralId", void 0);
__decorate([
    (0, class_validator_1.IsIn)(vocabulary_1.REFERRAL_WITHDRAWAL_REASONS),
    __metadata("design:type", String)
], ReferralWithdrawnV1Payload.prototype, "reason", void 0);
__decorate([
    (0, identifiers_1.IsInstant)(),
    __metadata("design:type", String)
], ReferralWithdrawnV1Payload.prototype, "withdrawnAt", void 0);
exports.ReferralWithdrawnV1Contract = (0, contract_1.defineContract)({
    type: 'referrals.referral-withdrawn',
    version: 1,
    producer: 'referrals',
    payload: ReferralWithdrawnV1Payload,
    description: 'A referral was withdrawn by the patient, the referrer or the service.',
});
//# sourceMappingURL=referral-withdrawn.contract.js.map
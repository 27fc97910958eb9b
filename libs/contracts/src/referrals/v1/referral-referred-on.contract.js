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
exports.ReferralReferredOnV1Contract = exports.ReferralReferredOnV1Payload = void 0;
const class_validator_1 = require("class-validator");
const contract_1 = require("../../contract");
const vocabulary_1 = require("./vocabulary");
const identifiers_1 = require("../../shared/identifiers");
class ReferralReferredOnV1Payload {
    referralId;
    destination;
    destinationOrganisationId;
    decidedAt;
}
exports.ReferralReferredOnV1Payload = ReferralReferredOnV1Payload;
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Matches)(identifiers_1.OPAQUE_ID),
    __metadata("design:type", String)
], ReferralReferredOnV1Payload.prototype, "referralId", void 0);
__decorate([
    (0, class_validator_1.IsIn)(vocabulary_1.REFER_ON_DESTINATIONS),
    __metadata("design:type", String)
], ReferralReferredOnV1Payload.prototype, "destination", void 0);
__decorate([
    (0, class_validator_1.ValidateIf)((_, value) => value !== null),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Matches)(identifiers_1.ODS_CODE),
    __metadata("design:type", Object)
], ReferralReferredOnV1Payload.prototype, "destinationOrganisationId", void 0);
__decorate([
    (0, identifiers_1.IsInstant)(),
    __metadata("design:type", String)
], ReferralReferredOnV1Payload.prototype, "decidedAt", void 0);
exports.ReferralReferredOnV1Contract = (0, contract_1.defineContract)({
    type: 'referrals.referral-referred-on',
    version: 1,
    producer: 'referrals',
    payload: ReferralReferredOnV1Payload,
    description: 'Triage referred a referral on to secondary care or the crisis team.',
});
//# sourceMappingURL=referral-referred-on.contract.js.map
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
exports.ReferralMergedV1Contract = exports.ReferralMergedV1Payload = void 0;
const class_validator_1 = require("class-validator");
const contract_1 = require("../../contract");
const identifiers_1 = require("../../shared/identifiers");
class ReferralMergedV1Payload {
    referralId;
    mergedIntoReferralId;
    decidedAt;
}
exports.ReferralMergedV1Payload = ReferralMergedV1Payload;
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Matches)(identifiers_1.OPAQUE_ID),
    __metadata("design:type", String)
], ReferralMergedV1Payload.prototype, "referralId", void 0);
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Matches)(identifiers_1.OPAQUE_ID),
    __metadata("design:type", String)
], ReferralMergedV1Payload.prototype, "mergedIntoReferralId", void 0);
__decorate([
    (0, identifiers_1.IsInstant)(),
    __metadata("design:type", String)
], ReferralMergedV1Payload.prototype, "decidedAt", void 0);
exports.ReferralMergedV1Contract = (0, contract_1.defineContract)({
    type: 'referrals.referral-merged',
    version: 1,
    producer: 'referrals',
    payload: ReferralMergedV1Payload,
    description: 'Triage merged a referral into an existing referral for the same patient.',
});
//# sourceMappingURL=referral-merged.contract.js.map
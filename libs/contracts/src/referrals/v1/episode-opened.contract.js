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
exports.EpisodeOpenedV1Contract = exports.EpisodeOpenedV1Payload = void 0;
const class_validator_1 = require("class-validator");
const contract_1 = require("../../contract");
const vocabulary_1 = require("./vocabulary");
const identifiers_1 = require("../../shared/identifiers");
class EpisodeOpenedV1Payload {
    episodeId;
    referralId;
    step;
    providingOrganisationId;
    urgency;
    referredAt;
    openedAt;
}
exports.EpisodeOpenedV1Payload = EpisodeOpenedV1Payload;
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Matches)(identifiers_1.OPAQUE_ID),
    __metadata("design:type", String)
], EpisodeOpenedV1Payload.prototype, "episodeId", void 0);
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Matches)(identifiers_1.OPAQUE_ID),
    __metadata("design:type", String)
], EpisodeOpenedV1Payload.prototype, "referralId", void 0);
__decorate([
    (0, class_validator_1.IsIn)(vocabulary_1.CARE_STEPS),
    __metadata("design:type", String)
], EpisodeOpenedV1Payload.prototype, "step", void 0);
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Matches)(identifiers_1.ODS_CODE),
    __metadata("design:type", String)
], EpisodeOpenedV1Payload.prototype, "providingOrganisationId", void 0);
__decorate([
    (0, class_validator_1.IsIn)(vocabulary_1.REFERRAL_URGENCIES),
    __metadata("design:type", String)
], EpisodeOpenedV1Payload.prototype, "urgency", void 0);
__decorate([
    (0, identifiers_1.IsInstant)(),
    __metadata("design:type", String)
], EpisodeOpenedV1Payload.prototype, "referredAt", void 0);
__decorate([
    (0, identifiers_1.IsInstant)(),
    __metadata("design:type", String)
], EpisodeOpenedV1Payload.prototype, "openedAt", void 0);
exports.EpisodeOpenedV1Contract = (0, contract_1.defineContract)({
    type: 'referrals.episode-opened',
    version: 1,
    producer: 'referrals',
    payload: EpisodeOpenedV1Payload,
    description: 'A care episode was opened at a step and a providing organisation.',
});
//# sourceMappingURL=episode-opened.contract.js.map
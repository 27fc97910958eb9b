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
exports.EpisodeStepChangedV1Contract = exports.EpisodeStepChangedV1Payload = void 0;
const class_validator_1 = require("class-validator");
const contract_1 = require("../../contract");
const vocabulary_1 = require("./vocabulary");
const identifiers_1 = require("../../shared/identifiers");
class EpisodeStepChangedV1Payload {
    episodeId;
    fromStep;
    toStep;
    fromOrganisationId;
    toOrganisationId;
    direction;
    changedAt;
}
exports.EpisodeStepChangedV1Payload = EpisodeStepChangedV1Payload;
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Matches)(identifiers_1.OPAQUE_ID),
    __metadata("design:type", String)
], EpisodeStepChangedV1Payload.prototype, "episodeId", void 0);
__decorate([
    (0, class_validator_1.IsIn)(vocabulary_1.CARE_STEPS),
    __metadata("design:type", String)
], EpisodeStepChangedV1Payload.prototype, "fromStep", void 0);
__decorate([
    (0, class_validator_1.IsIn)(vocabulary_1.CARE_STEPS),
    __metadata("design:type", String)
], EpisodeStepChangedV1Payload.prototype, "toStep", void 0);
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Matches)(identifiers_1.ODS_CODE),
    __metadata("design:type", String)
], EpisodeStepChangedV1Payload.prototype, "fromOrganisationId", void 0);
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Matches)(identifiers_1.ODS_CODE),
    __metadata("design:type", String)
], EpisodeStepChangedV1Payload.prototype, "toOrganisationId", void 0);
__decorate([
    (0, class_validator_1.IsIn)(vocabulary_1.STEP_DIRECTIONS),
    __metadata("design:type", String)
], EpisodeStepChangedV1Payload.prototype, "direction", void 0);
__decorate([
    (0, identifiers_1.IsInstant)(),
    __metadata("design:type", String)
], EpisodeStepChangedV1Payload.prototype, "changedAt", void 0);
exports.EpisodeStepChangedV1Contract = (0, contract_1.defineContract)({
    type: 'referrals.episode-step-changed',
    version: 1,
    producer: 'referrals',
    payload: EpisodeStepChangedV1Payload,
    description: 'A care episode changed step (up, down or across), possibly to another organisation.',
});
//# sourceMappingURL=episode-step-changed.contract.js.map
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
exports.EpisodeNotOnTrackV1Contract = exports.EpisodeNotOnTrackV1Payload = void 0;
const class_validator_1 = require("class-validator");
const contract_1 = require("../../contract");
const vocabulary_1 = require("./vocabulary");
const identifiers_1 = require("../../shared/identifiers");
class EpisodeNotOnTrackV1Payload {
    episodeId;
    ruleSetVersion;
    reason;
    attendedTreatmentSessions;
    detectedAt;
}
exports.EpisodeNotOnTrackV1Payload = EpisodeNotOnTrackV1Payload;
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Matches)(identifiers_1.OPAQUE_ID),
    __metadata("design:type", String)
], EpisodeNotOnTrackV1Payload.prototype, "episodeId", void 0);
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Matches)(/^[A-Za-z0-9._-]{1,32}$/),
    __metadata("design:type", String)
], EpisodeNotOnTrackV1Payload.prototype, "ruleSetVersion", void 0);
__decorate([
    (0, class_validator_1.IsIn)(vocabulary_1.NOT_ON_TRACK_REASONS),
    __metadata("design:type", String)
], EpisodeNotOnTrackV1Payload.prototype, "reason", void 0);
__decorate([
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(0),
    __metadata("design:type", Number)
], EpisodeNotOnTrackV1Payload.prototype, "attendedTreatmentSessions", void 0);
__decorate([
    (0, identifiers_1.IsInstant)(),
    __metadata("design:type", String)
], EpisodeNotOnTrackV1Payload.prototype, "detectedAt", void 0);
exports.EpisodeNotOnTrackV1Contract = (0, contract_1.defineContract)({
    type: 'outcomes.episode-not-on-track',
    version: 1,
    producer: 'outcomes',
    payload: EpisodeNotOnTrackV1Payload,
    description: 'An episode is not on track and may need a specialist consultation.',
});
//# sourceMappingURL=episode-not-on-track.contract.js.map
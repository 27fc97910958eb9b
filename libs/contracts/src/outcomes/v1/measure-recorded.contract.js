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
exports.MeasureRecordedV1Contract = exports.MeasureRecordedV1Payload = void 0;
const class_validator_1 = require("class-validator");
const contract_1 = require("../../contract");
const vocabulary_1 = require("./vocabulary");
const identifiers_1 = require("../../shared/identifiers");
class MeasureRecordedV1Payload {
    responseId;
    episodeId;
    appointmentId;
    questionnaireCode;
    questionnaireVersion;
    completedBy;
    total;
    severityBand;
    atCaseness;
    riskSignalled;
    takenAt;
}
exports.MeasureRecordedV1Payload = MeasureRecordedV1Payload;
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Matches)(identifiers_1.OPAQUE_ID),
    __metadata("design:type", String)
], MeasureRecordedV1Payload.prototype, "responseId", void 0);
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Matches)(identifiers_1.OPAQUE_ID),
    __metadata("design:type", String)
], MeasureRecordedV1Payload.prototype, "episodeId", void 0);
__decorate([
    (0, class_validator_1.ValidateIf)((_, v) => v !== null),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Matches)(identifiers_1.OPAQUE_ID),
    __metadata("design:type", Object)
], MeasureRecordedV1Payload.prototype, "appointmentId", void 0);
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Matches)(vocabulary_1.MEASURE_CODE),
    __metadata("design:type", String)
], MeasureRecordedV1Payload.prototype, "questionnaireCode", void 0);
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Matches)(/^[0-9A-Za-z.-]{1,16}$/),
    __metadata("design:type", String)
], MeasureRecordedV1Payload.prototype, "questionnaireVersion", void 0);
__decorate([
    (0, class_validator_1.IsIn)(vocabulary_1.COMPLETED_BY),
    __metadata("design:type", String)
], MeasureRecordedV1Payload.prototype, "completedBy", void 0);
__decorate([
    (0, class_validator_1.ValidateIf)((_, v) => v !== null),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(0),
    __metadata("design:type", Object)
], MeasureRecordedV1Payload.prototype, "total", void 0);
__decorate([
    (0, class_validator_1.ValidateIf)((_, v) => v !== null),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Matches)(/^[a-z][a-z-]{0,40}$/),
    __metadata("design:type", Object)
], MeasureRecordedV1Payload.prototype, "severityBand", void 0);
__decorate([
    (0, class_validator_1.ValidateIf)((_, v) => v !== null),
    (0, class_validator_1.IsBoolean)(),
    __metadata("design:type", Object)
], MeasureRecordedV1Payload.prototype, "atCaseness", void 0);
__decorate([
    (0, class_validator_1.IsBoolean)(),
    __metadata("design:type", Boolean)
], MeasureRecordedV1Payload.prototype, "riskSignalled", void 0);
__decorate([
    (0, identifiers_1.IsInstant)(),
    __metadata("design:type", String)
], MeasureRecordedV1Payload.prototype, "takenAt", void 0);
exports.MeasureRecordedV1Contract = (0, contract_1.defineContract)({
    type: 'outcomes.measure-recorded',
    version: 1,
    producer: 'outcomes',
    payload: MeasureRecordedV1Payload,
    description: 'A questionnaire response was recorded and scored (total, band, caseness).',
});
//# sourceMappingURL=measure-recorded.contract.js.map
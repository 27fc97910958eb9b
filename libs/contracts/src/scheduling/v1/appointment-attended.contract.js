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
exports.AppointmentAttendedV1Contract = exports.AppointmentAttendedV1Payload = void 0;
const class_validator_1 = require("class-validator");
const contract_1 = require("../../contract");
const vocabulary_1 = require("./vocabulary");
const identifiers_1 = require("../../shared/identifiers");
class AppointmentAttendedV1Payload {
    appointmentId;
    episodeId;
    organisationId;
    purpose;
    startsAt;
    durationMinutes;
    isTreatment;
    attendedAt;
}
exports.AppointmentAttendedV1Payload = AppointmentAttendedV1Payload;
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Matches)(identifiers_1.OPAQUE_ID),
    __metadata("design:type", String)
], AppointmentAttendedV1Payload.prototype, "appointmentId", void 0);
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Matches)(identifiers_1.OPAQUE_ID),
    __metadata("design:type", String)
], AppointmentAttendedV1Payload.prototype, "episodeId", void 0);
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Matches)(identifiers_1.ODS_CODE),
    __metadata("design:type", String)
], AppointmentAttendedV1Payload.prototype, "organisationId", void 0);
__decorate([
    (0, class_validator_1.IsIn)(vocabulary_1.APPOINTMENT_PURPOSES),
    __metadata("design:type", String)
], AppointmentAttendedV1Payload.prototype, "purpose", void 0);
__decorate([
    (0, identifiers_1.IsInstant)(),
    __metadata("design:type", String)
], AppointmentAttendedV1Payload.prototype, "startsAt", void 0);
__decorate([
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(1),
    (0, class_validator_1.Max)(600),
    __metadata("design:type", Number)
], AppointmentAttendedV1Payload.prototype, "durationMinutes", void 0);
__decorate([
    (0, class_validator_1.IsBoolean)(),
    __metadata("design:type", Boolean)
], AppointmentAttendedV1Payload.prototype, "isTreatment", void 0);
__decorate([
    (0, identifiers_1.IsInstant)(),
    __metadata("design:type", String)
], AppointmentAttendedV1Payload.prototype, "attendedAt", void 0);
exports.AppointmentAttendedV1Contract = (0, contract_1.defineContract)({
    type: 'scheduling.appointment-attended',
    version: 1,
    producer: 'scheduling',
    payload: AppointmentAttendedV1Payload,
    description: 'The person attended an appointment.',
});
//# sourceMappingURL=appointment-attended.contract.js.map
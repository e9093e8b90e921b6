"""Writes of the workflow, one module per sub-domain: consultation (meekijken), request
(aanmelding), screening, zvh (overleg, plan, actions, evaluatie), handover (afschaling,
nazorg, closing) and notices (bestuurlijke informatie); assessment reads the triage an
aanmelding rests on."""

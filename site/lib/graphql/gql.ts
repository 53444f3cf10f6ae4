/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query SendsMail { sendsMail }": typeof types.SendsMailDocument,
    "mutation ChangePassword($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { __typename ... on Error { message } ... on ValidationError { problems { path message } } } }": typeof types.ChangePasswordDocument,
    "query Invitation($t: String!) { invitation(token: $t) { email role organisationName expiresAt } }": typeof types.InvitationDocument,
    "mutation Accept($t: String!, $n: String!, $p: String!) { acceptInvitation(token: $t, name: $n, password: $p) { __typename ... on Error { message } ... on ValidationError { problems { path message } } ... on AcceptInvitationSuccess { data { token expiresAt } } } }": typeof types.AcceptDocument,
    "mutation RequestReset($e: String!) { requestPasswordReset(email: $e) { __typename ... on Error { message } ... on ValidationError { problems { path message } } ... on SignInThrottledError { retryAfterSeconds } } }": typeof types.RequestResetDocument,
    "query PasswordReset($t: String!) { passwordReset(token: $t) { email expiresAt } }": typeof types.PasswordResetDocument,
    "mutation ResetPassword($t: String!, $p: String!) { resetPassword(token: $t, password: $p) { __typename ... on Error { message } ... on ValidationError { problems { path message } } } }": typeof types.ResetPasswordDocument,
    "\n      query FormOptions {\n        organisations { slug name }\n        referenceComponents { gemmaId name group }\n        externalServices { gemmaId name }\n      }\n    ": typeof types.FormOptionsDocument,
    "query FormUsages($organisation: String!, $after: String) { organisation(slug: $organisation) { usages(first: 500, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id product { name } } } } } }": typeof types.FormUsagesDocument,
    "fragment ProductOption on Product { slug name supplier { name } versions { name } }": typeof types.ProductOptionFragmentDoc,
    "query ProductSearch($search: String!, $first: Int!) { products(first: $first, search: $search) { totalCount edges { node { ...ProductOption } } } }": typeof types.ProductSearchDocument,
    "query ChosenProduct($slug: String!) { product(slug: $slug) { ...ProductOption } }": typeof types.ChosenProductDocument,
    "query ProductByName($name: String!) { products(first: 20, name: $name) { edges { node { ...ProductOption } } } }": typeof types.ProductByNameDocument,
    "query SecondStep($c: String!) { secondStep(challenge: $c) { expiresAt methods passkeyOptions } }": typeof types.SecondStepDocument,
    "mutation CompleteSignIn($c: String!, $code: String, $r: String, $p: String) { completeSignIn(challenge: $c, code: $code, recoveryCode: $r, passkey: $p) { __typename ... on Error { message } ... on ValidationError { problems { path message } } ... on SignInThrottledError { retryAfterSeconds } ... on CompleteSignInSuccess { data { token expiresAt } } } }": typeof types.CompleteSignInDocument,
    "query Factors { viewer { email mustSetUpSecondFactor secondFactors { required addingNeedsPassword totp recoveryCodesLeft pendingTotp { groupedSecret uri qrCode } passkeys { id name createdAt lastUsedAt } } } }": typeof types.FactorsDocument,
    "mutation StartTotp { startTotpSetup { __typename ... on Error { message } ... on ValidationError { problems { path message } } } }": typeof types.StartTotpDocument,
    "mutation ConfirmTotp($code: String!, $p: String) { confirmTotp(code: $code, password: $p) { __typename ... on Error { message } ... on ValidationError { problems { path message } } ... on ConfirmTotpSuccess { data { codes } } } }": typeof types.ConfirmTotpDocument,
    "mutation Regenerate($p: String) { regenerateRecoveryCodes(password: $p) { __typename ... on Error { message } ... on ValidationError { problems { path message } } ... on RegenerateRecoveryCodesSuccess { data { codes } } } }": typeof types.RegenerateDocument,
    "mutation BeginPasskey { beginPasskeyRegistration { __typename ... on Error { message } ... on ValidationError { problems { path message } } ... on BeginPasskeyRegistrationSuccess { data } } }": typeof types.BeginPasskeyDocument,
    "mutation AddPasskey($n: String!, $r: String!, $p: String) { addPasskey(name: $n, response: $r, password: $p) { __typename ... on Error { message } ... on ValidationError { problems { path message } } ... on AddPasskeySuccess { data { codes } } } }": typeof types.AddPasskeyDocument,
    "mutation RemoveTotp($p: String) { removeTotp(password: $p) { __typename ... on Error { message } ... on ValidationError { problems { path message } } } }": typeof types.RemoveTotpDocument,
    "mutation RemovePasskey($id: ID!, $p: String) { removePasskey(id: $id, password: $p) { __typename ... on Error { message } ... on ValidationError { problems { path message } } } }": typeof types.RemovePasskeyDocument,
    "query Policy($slug: String!) { organisation(slug: $slug) { slug name requireSecondFactor viewerCanRequireSecondFactor membersWithoutSecondFactor } }": typeof types.PolicyDocument,
    "mutation SetPolicy($o: String!, $r: Boolean!) { setSecondFactorRequirement(organisation: $o, required: $r) { __typename ... on Error { message } ... on ValidationError { problems { path message } } } }": typeof types.SetPolicyDocument,
    "query SignInProviders { signInProviders { id name organisationName } }": typeof types.SignInProvidersDocument,
    "mutation StartSso($e: String, $p: ID, $b: String) { startSsoSignIn(email: $e, provider: $p, returnPath: $b) { __typename ... on Error { message } ... on ValidationError { problems { path message } } ... on StartSsoSignInSuccess { data { authorizationUrl flowToken expiresAt } } } }": typeof types.StartSsoDocument,
    "mutation CompleteSso($f: String!, $c: String!) { completeSsoSignIn(flowToken: $f, callbackUrl: $c) { __typename ... on Error { message } ... on CompleteSsoSignInSuccess { data { session { token expiresAt } linkEmail returnPath } } } }": typeof types.CompleteSsoDocument,
    "query PendingLink($f: String!) { ssoPendingLink(flowToken: $f) { email providerName returnPath } }": typeof types.PendingLinkDocument,
    "mutation LinkSso($f: String!, $p: String!, $c: String, $r: String) { linkSsoAccount(flowToken: $f, password: $p, code: $c, recoveryCode: $r) { __typename ... on Error { message } ... on ValidationError { problems { path message } } ... on LinkSsoAccountSuccess { data { token expiresAt } } } }": typeof types.LinkSsoDocument,
    "mutation SignOutSso($t: String!) { signOutWithProvider(token: $t) { __typename ... on SignOutWithProviderSuccess { data { providerSignOutUrl } } } }": typeof types.SignOutSsoDocument,
    "mutation SetPasswordSignIn($o: String!, $e: Boolean!) { setPasswordSignIn(organisation: $o, enabled: $e) { __typename ... on Error { message } ... on ValidationError { problems { path message } } } }": typeof types.SetPasswordSignInDocument,
    "\n  query IdentityProviders {\n    identityProviders { id name issuer clientId emailDomains roleClaim viewerValues editorValues adminValues defaultRole enabled organisation { slug name } }\n    organisations { slug name }\n  }\n": typeof types.IdentityProvidersDocument,
    "mutation CreateProvider($input: IdentityProviderInput!) { createIdentityProvider(input: $input) { __typename ... on Error { message } ... on ValidationError { problems { path message } } } }": typeof types.CreateProviderDocument,
    "mutation UpdateProvider($id: ID!, $input: IdentityProviderInput!) { updateIdentityProvider(id: $id, input: $input) { __typename ... on Error { message } ... on ValidationError { problems { path message } } } }": typeof types.UpdateProviderDocument,
    "\n    query Home($signedIn: Boolean!, $first: Int!, $after: String) {\n      hubSummary { organisations usages live commonGround }\n      organisationsPage(first: $first, after: $after) {\n        totalCount\n        pageInfo { hasNextPage endCursor }\n        edges { node {\n        slug\n        name\n        type\n        cbsCode\n        memberOf { slug name }\n        members { slug name }\n        usageSummary {\n          total\n          byStatus { status count }\n          inProductionByArchitecture { architecture count }\n        }\n        adoption {\n          total\n          commonGround\n          hybrid\n          legacyStillRunning\n          interfacesCopying\n          interfacesAtSource\n          perLayer { layer total commonGround hybrid }\n        }\n        expectedInterfaces @include(if: $signedIn) { status }\n        } }\n      }\n    }\n  ": typeof types.HomeDocument,
    "\n      mutation SignIn($email: String!, $password: String!) {\n        signIn(email: $email, password: $password) {\n          __typename\n          ... on Error { message }\n          ... on SignInThrottledError { retryAfterSeconds }\n          ... on SignInSuccess { data { token expiresAt } }\n          ... on SecondFactorRequiredError { challenge }\n        }\n      }\n    ": typeof types.SignInDocument,
    "query NewUsageOrganisation($slug: String!) { organisation(slug: $slug) { id name viewerCanEdit } }": typeof types.NewUsageOrganisationDocument,
    "mutation Create($input: CreateUsageInput!) { createUsage(input: $input) { __typename ... on Error { message } ... on ValidationError { problems { path message } } ... on CreateUsageSuccess { data { key } } } }": typeof types.CreateDocument,
    "mutation ImportInterfaces($input: ImportInterfacesInput!) {\n  importInterfaces(input: $input) {\n    __typename ... on Error { message }\n    ... on ImportInterfacesSuccess { data { applied added changed unchanged rows { line key product action changes } refused { line message } } }\n  }\n}": typeof types.ImportInterfacesDocument,
    "mutation ImportSoftwarecatalogus($input: ImportSoftwarecatalogusInput!) {\n  importSoftwarecatalogus(input: $input) {\n    __typename ... on Error { message }\n    ... on ImportSoftwarecatalogusSuccess {\n      data { applied added changed unchanged rows { line key product action changes } refused { line message } columns { column treatment target } remarks { line message } }\n    }\n  }\n}": typeof types.ImportSoftwarecatalogusDocument,
    "mutation ImportUsages($input: ImportUsagesInput!) {\n  importUsages(input: $input) {\n    __typename ... on Error { message }\n    ... on ImportUsagesSuccess {\n      data { applied added changed unchanged rows { line key product action changes } refused { line message } notes warnings notPlaced { type count name reason } }\n    }\n  }\n}": typeof types.ImportUsagesDocument,
    "query ImportTarget($slug: String!) { organisation(slug: $slug) { name viewerCanEdit } }": typeof types.ImportTargetDocument,
    "query OrganisationName($slug: String!) { organisation(slug: $slug) { id name } }": typeof types.OrganisationNameDocument,
    "query OrganisationSignIn($slug: String!) { organisation(slug: $slug) { name passwordSignIn singleSignOn } }": typeof types.OrganisationSignInDocument,
    "\n    query Changes($slug: String!, $after: String) {\n      organisation(slug: $slug) { name }\n      auditEvents(first: 50, after: $after, organisation: $slug) {\n        pageInfo { hasNextPage endCursor }\n        edges { node { id createdAt actor source revision description } }\n      }\n    }\n  ": typeof types.ChangesDocument,
    "\n    query Product($slug: String!, $first: Int!, $after: String) {\n      product(slug: $slug) {\n        name\n        description\n        architecture\n        layers\n        openSource\n        licence\n        repository\n        deliveryModel\n        hostingJurisdiction\n        supplier { name website }\n        versions { name }\n        referenceComponents { name group gemmaUrl }\n        standards { standard { name url } }\n        usages(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { key status organisation { slug name } version { name } } } }\n      }\n    }\n  ": typeof types.ProductDocument,
    "\n    query Products($search: String, $architecture: Architecture, $after: String) {\n      products(first: 50, after: $after, search: $search, architecture: $architecture) {\n        totalCount\n        pageInfo { hasNextPage endCursor }\n        edges { node { slug name architecture openSource licence supplier { name } usages { totalCount } } }\n      }\n    }\n  ": typeof types.ProductsDocument,
    "query ProductImportChoices { viewer { memberships { role organisation { slug name } } } }": typeof types.ProductImportChoicesDocument,
    "mutation ImportProduct($input: ImportProductInput!) {\n        importProduct(input: $input) {\n          __typename ... on Error { message }\n          ... on ImportProductSuccess { data { applied added changed unchanged rows { line key product action changes } refused { line message } notes warnings } }\n        }\n      }": typeof types.ImportProductDocument,
    "mutation MergeProducts($input: MergeInput!) { mergeProducts(input: $input) {\n                __typename ... on Error { message }\n                ... on MergeProductsSuccess { data { applied kept { slug name } merged { slug name } moves } } } }": typeof types.MergeProductsDocument,
    "mutation MergeSuppliers($input: MergeInput!) { mergeSuppliers(input: $input) {\n                __typename ... on Error { message }\n                ... on MergeSuppliersSuccess { data { applied kept { slug name } merged { slug name } moves } } } }": typeof types.MergeSuppliersDocument,
    "query MergeProductChoices($after: String) { products(first: 200, after: $after) { pageInfo { hasNextPage endCursor } edges { node { slug name supplier { name } } } } }": typeof types.MergeProductChoicesDocument,
    "query MergeSupplierChoices { suppliers { slug name } }": typeof types.MergeSupplierChoicesDocument,
    "\n    query ReferenceComponents {\n      referenceComponents {\n        gemmaId\n        name\n        group\n        status\n        gemmaUrl\n        baselineBiv { availability integrity confidentiality }\n        standards { mandatory }\n        products { slug }\n      }\n    }\n  ": typeof types.ReferenceComponentsDocument,
    "mutation ImportGemma($input: ImportGemmaInput!) {\n        importGemma(input: $input) {\n          __typename ... on Error { message }\n          ... on ImportGemmaSuccess { data { applied unchanged changes { kind gemmaId name action fields } links { added removed } flows { added removed } refused { file row message } } }\n        }\n      }": typeof types.ImportGemmaDocument,
    "\n    query Programme($slug: String!) {\n      programme(slug: $slug) {\n        name description deadline owners { name }\n        progress { total done onTrack late }\n        migrations {\n          id key wave status start end parallelRunStart parallelRunEnd description\n          organisation { slug name } targetProduct { name slug }\n          replaces { key product { name } } dependsOn { id key organisation { name } targetProduct { name } } efforts { fte }\n        }\n      }\n      planChecks(programme: $slug) { kind message migration organisation }\n    }\n  ": typeof types.ProgrammeDocument,
    "query CapacityChoices { organisations { slug name type } viewer { memberships { organisation { slug } } } }": typeof types.CapacityChoicesDocument,
    "query TransitionScope { organisations { slug name } viewer { memberships { organisation { slug } } } }": typeof types.TransitionScopeDocument,
    "\n    query Transition($organisations: [String!]) {\n      programmes { slug name description deadline owners { name } progress { total done onTrack late cancelled } }\n      planChecks(organisations: $organisations) { kind message organisation migration }\n      scenarios(status: OPEN) { id }\n    }\n  ": typeof types.TransitionDocument,
    "query CompareChoices { organisations { slug name type } referenceComponentGroups }": typeof types.CompareChoicesDocument,
    "\n    query Compare($organisations: [String!]!, $group: String) {\n      comparison(organisations: $organisations, group: $group) {\n        organisations\n        rows {\n          referenceComponent { gemmaId name group }\n          differs\n          hasLegacy\n          sharedProducts\n          cells { organisation usages { key status productSlug productName architecture } }\n        }\n        alternatives { products { name slug organisations } sameComponents explanation }\n        separateBeheer { product organisations operatorCount }\n      }\n    }\n  ": typeof types.CompareDocument,
    "query Search($q: String!, $first: Int!) { search(query: $q, first: $first) { kind title detail path match reason } }": typeof types.SearchDocument,
};
const documents: Documents = {
    "query SendsMail { sendsMail }": types.SendsMailDocument,
    "mutation ChangePassword($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { __typename ... on Error { message } ... on ValidationError { problems { path message } } } }": types.ChangePasswordDocument,
    "query Invitation($t: String!) { invitation(token: $t) { email role organisationName expiresAt } }": types.InvitationDocument,
    "mutation Accept($t: String!, $n: String!, $p: String!) { acceptInvitation(token: $t, name: $n, password: $p) { __typename ... on Error { message } ... on ValidationError { problems { path message } } ... on AcceptInvitationSuccess { data { token expiresAt } } } }": types.AcceptDocument,
    "mutation RequestReset($e: String!) { requestPasswordReset(email: $e) { __typename ... on Error { message } ... on ValidationError { problems { path message } } ... on SignInThrottledError { retryAfterSeconds } } }": types.RequestResetDocument,
    "query PasswordReset($t: String!) { passwordReset(token: $t) { email expiresAt } }": types.PasswordResetDocument,
    "mutation ResetPassword($t: String!, $p: String!) { resetPassword(token: $t, password: $p) { __typename ... on Error { message } ... on ValidationError { problems { path message } } } }": types.ResetPasswordDocument,
    "\n      query FormOptions {\n        organisations { slug name }\n        referenceComponents { gemmaId name group }\n        externalServices { gemmaId name }\n      }\n    ": types.FormOptionsDocument,
    "query FormUsages($organisation: String!, $after: String) { organisation(slug: $organisation) { usages(first: 500, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id product { name } } } } } }": types.FormUsagesDocument,
    "fragment ProductOption on Product { slug name supplier { name } versions { name } }": types.ProductOptionFragmentDoc,
    "query ProductSearch($search: String!, $first: Int!) { products(first: $first, search: $search) { totalCount edges { node { ...ProductOption } } } }": types.ProductSearchDocument,
    "query ChosenProduct($slug: String!) { product(slug: $slug) { ...ProductOption } }": types.ChosenProductDocument,
    "query ProductByName($name: String!) { products(first: 20, name: $name) { edges { node { ...ProductOption } } } }": types.ProductByNameDocument,
    "query SecondStep($c: String!) { secondStep(challenge: $c) { expiresAt methods passkeyOptions } }": types.SecondStepDocument,
    "mutation CompleteSignIn($c: String!, $code: String, $r: String, $p: String) { completeSignIn(challenge: $c, code: $code, recoveryCode: $r, passkey: $p) { __typename ... on Error { message } ... on ValidationError { problems { path message } } ... on SignInThrottledError { retryAfterSeconds } ... on CompleteSignInSuccess { data { token expiresAt } } } }": types.CompleteSignInDocument,
    "query Factors { viewer { email mustSetUpSecondFactor secondFactors { required addingNeedsPassword totp recoveryCodesLeft pendingTotp { groupedSecret uri qrCode } passkeys { id name createdAt lastUsedAt } } } }": types.FactorsDocument,
    "mutation StartTotp { startTotpSetup { __typename ... on Error { message } ... on ValidationError { problems { path message } } } }": types.StartTotpDocument,
    "mutation ConfirmTotp($code: String!, $p: String) { confirmTotp(code: $code, password: $p) { __typename ... on Error { message } ... on ValidationError { problems { path message } } ... on ConfirmTotpSuccess { data { codes } } } }": types.ConfirmTotpDocument,
    "mutation Regenerate($p: String) { regenerateRecoveryCodes(password: $p) { __typename ... on Error { message } ... on ValidationError { problems { path message } } ... on RegenerateRecoveryCodesSuccess { data { codes } } } }": types.RegenerateDocument,
    "mutation BeginPasskey { beginPasskeyRegistration { __typename ... on Error { message } ... on ValidationError { problems { path message } } ... on BeginPasskeyRegistrationSuccess { data } } }": types.BeginPasskeyDocument,
    "mutation AddPasskey($n: String!, $r: String!, $p: String) { addPasskey(name: $n, response: $r, password: $p) { __typename ... on Error { message } ... on ValidationError { problems { path message } } ... on AddPasskeySuccess { data { codes } } } }": types.AddPasskeyDocument,
    "mutation RemoveTotp($p: String) { removeTotp(password: $p) { __typename ... on Error { message } ... on ValidationError { problems { path message } } } }": types.RemoveTotpDocument,
    "mutation RemovePasskey($id: ID!, $p: String) { removePasskey(id: $id, password: $p) { __typename ... on Error { message } ... on ValidationError { problems { path message } } } }": types.RemovePasskeyDocument,
    "query Policy($slug: String!) { organisation(slug: $slug) { slug name requireSecondFactor viewerCanRequireSecondFactor membersWithoutSecondFactor } }": types.PolicyDocument,
    "mutation SetPolicy($o: String!, $r: Boolean!) { setSecondFactorRequirement(organisation: $o, required: $r) { __typename ... on Error { message } ... on ValidationError { problems { path message } } } }": types.SetPolicyDocument,
    "query SignInProviders { signInProviders { id name organisationName } }": types.SignInProvidersDocument,
    "mutation StartSso($e: String, $p: ID, $b: String) { startSsoSignIn(email: $e, provider: $p, returnPath: $b) { __typename ... on Error { message } ... on ValidationError { problems { path message } } ... on StartSsoSignInSuccess { data { authorizationUrl flowToken expiresAt } } } }": types.StartSsoDocument,
    "mutation CompleteSso($f: String!, $c: String!) { completeSsoSignIn(flowToken: $f, callbackUrl: $c) { __typename ... on Error { message } ... on CompleteSsoSignInSuccess { data { session { token expiresAt } linkEmail returnPath } } } }": types.CompleteSsoDocument,
    "query PendingLink($f: String!) { ssoPendingLink(flowToken: $f) { email providerName returnPath } }": types.PendingLinkDocument,
    "mutation LinkSso($f: String!, $p: String!, $c: String, $r: String) { linkSsoAccount(flowToken: $f, password: $p, code: $c, recoveryCode: $r) { __typename ... on Error { message } ... on ValidationError { problems { path message } } ... on LinkSsoAccountSuccess { data { token expiresAt } } } }": types.LinkSsoDocument,
    "mutation SignOutSso($t: String!) { signOutWithProvider(token: $t) { __typename ... on SignOutWithProviderSuccess { data { providerSignOutUrl } } } }": types.SignOutSsoDocument,
    "mutation SetPasswordSignIn($o: String!, $e: Boolean!) { setPasswordSignIn(organisation: $o, enabled: $e) { __typename ... on Error { message } ... on ValidationError { problems { path message } } } }": types.SetPasswordSignInDocument,
    "\n  query IdentityProviders {\n    identityProviders { id name issuer clientId emailDomains roleClaim viewerValues editorValues adminValues defaultRole enabled organisation { slug name } }\n    organisations { slug name }\n  }\n": types.IdentityProvidersDocument,
    "mutation CreateProvider($input: IdentityProviderInput!) { createIdentityProvider(input: $input) { __typename ... on Error { message } ... on ValidationError { problems { path message } } } }": types.CreateProviderDocument,
    "mutation UpdateProvider($id: ID!, $input: IdentityProviderInput!) { updateIdentityProvider(id: $id, input: $input) { __typename ... on Error { message } ... on ValidationError { problems { path message } } } }": types.UpdateProviderDocument,
    "\n    query Home($signedIn: Boolean!, $first: Int!, $after: String) {\n      hubSummary { organisations usages live commonGround }\n      organisationsPage(first: $first, after: $after) {\n        totalCount\n        pageInfo { hasNextPage endCursor }\n        edges { node {\n        slug\n        name\n        type\n        cbsCode\n        memberOf { slug name }\n        members { slug name }\n        usageSummary {\n          total\n          byStatus { status count }\n          inProductionByArchitecture { architecture count }\n        }\n        adoption {\n          total\n          commonGround\n          hybrid\n          legacyStillRunning\n          interfacesCopying\n          interfacesAtSource\n          perLayer { layer total commonGround hybrid }\n        }\n        expectedInterfaces @include(if: $signedIn) { status }\n        } }\n      }\n    }\n  ": types.HomeDocument,
    "\n      mutation SignIn($email: String!, $password: String!) {\n        signIn(email: $email, password: $password) {\n          __typename\n          ... on Error { message }\n          ... on SignInThrottledError { retryAfterSeconds }\n          ... on SignInSuccess { data { token expiresAt } }\n          ... on SecondFactorRequiredError { challenge }\n        }\n      }\n    ": types.SignInDocument,
    "query NewUsageOrganisation($slug: String!) { organisation(slug: $slug) { id name viewerCanEdit } }": types.NewUsageOrganisationDocument,
    "mutation Create($input: CreateUsageInput!) { createUsage(input: $input) { __typename ... on Error { message } ... on ValidationError { problems { path message } } ... on CreateUsageSuccess { data { key } } } }": types.CreateDocument,
    "mutation ImportInterfaces($input: ImportInterfacesInput!) {\n  importInterfaces(input: $input) {\n    __typename ... on Error { message }\n    ... on ImportInterfacesSuccess { data { applied added changed unchanged rows { line key product action changes } refused { line message } } }\n  }\n}": types.ImportInterfacesDocument,
    "mutation ImportSoftwarecatalogus($input: ImportSoftwarecatalogusInput!) {\n  importSoftwarecatalogus(input: $input) {\n    __typename ... on Error { message }\n    ... on ImportSoftwarecatalogusSuccess {\n      data { applied added changed unchanged rows { line key product action changes } refused { line message } columns { column treatment target } remarks { line message } }\n    }\n  }\n}": types.ImportSoftwarecatalogusDocument,
    "mutation ImportUsages($input: ImportUsagesInput!) {\n  importUsages(input: $input) {\n    __typename ... on Error { message }\n    ... on ImportUsagesSuccess {\n      data { applied added changed unchanged rows { line key product action changes } refused { line message } notes warnings notPlaced { type count name reason } }\n    }\n  }\n}": types.ImportUsagesDocument,
    "query ImportTarget($slug: String!) { organisation(slug: $slug) { name viewerCanEdit } }": types.ImportTargetDocument,
    "query OrganisationName($slug: String!) { organisation(slug: $slug) { id name } }": types.OrganisationNameDocument,
    "query OrganisationSignIn($slug: String!) { organisation(slug: $slug) { name passwordSignIn singleSignOn } }": types.OrganisationSignInDocument,
    "\n    query Changes($slug: String!, $after: String) {\n      organisation(slug: $slug) { name }\n      auditEvents(first: 50, after: $after, organisation: $slug) {\n        pageInfo { hasNextPage endCursor }\n        edges { node { id createdAt actor source revision description } }\n      }\n    }\n  ": types.ChangesDocument,
    "\n    query Product($slug: String!, $first: Int!, $after: String) {\n      product(slug: $slug) {\n        name\n        description\n        architecture\n        layers\n        openSource\n        licence\n        repository\n        deliveryModel\n        hostingJurisdiction\n        supplier { name website }\n        versions { name }\n        referenceComponents { name group gemmaUrl }\n        standards { standard { name url } }\n        usages(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { key status organisation { slug name } version { name } } } }\n      }\n    }\n  ": types.ProductDocument,
    "\n    query Products($search: String, $architecture: Architecture, $after: String) {\n      products(first: 50, after: $after, search: $search, architecture: $architecture) {\n        totalCount\n        pageInfo { hasNextPage endCursor }\n        edges { node { slug name architecture openSource licence supplier { name } usages { totalCount } } }\n      }\n    }\n  ": types.ProductsDocument,
    "query ProductImportChoices { viewer { memberships { role organisation { slug name } } } }": types.ProductImportChoicesDocument,
    "mutation ImportProduct($input: ImportProductInput!) {\n        importProduct(input: $input) {\n          __typename ... on Error { message }\n          ... on ImportProductSuccess { data { applied added changed unchanged rows { line key product action changes } refused { line message } notes warnings } }\n        }\n      }": types.ImportProductDocument,
    "mutation MergeProducts($input: MergeInput!) { mergeProducts(input: $input) {\n                __typename ... on Error { message }\n                ... on MergeProductsSuccess { data { applied kept { slug name } merged { slug name } moves } } } }": types.MergeProductsDocument,
    "mutation MergeSuppliers($input: MergeInput!) { mergeSuppliers(input: $input) {\n                __typename ... on Error { message }\n                ... on MergeSuppliersSuccess { data { applied kept { slug name } merged { slug name } moves } } } }": types.MergeSuppliersDocument,
    "query MergeProductChoices($after: String) { products(first: 200, after: $after) { pageInfo { hasNextPage endCursor } edges { node { slug name supplier { name } } } } }": types.MergeProductChoicesDocument,
    "query MergeSupplierChoices { suppliers { slug name } }": types.MergeSupplierChoicesDocument,
    "\n    query ReferenceComponents {\n      referenceComponents {\n        gemmaId\n        name\n        group\n        status\n        gemmaUrl\n        baselineBiv { availability integrity confidentiality }\n        standards { mandatory }\n        products { slug }\n      }\n    }\n  ": types.ReferenceComponentsDocument,
    "mutation ImportGemma($input: ImportGemmaInput!) {\n        importGemma(input: $input) {\n          __typename ... on Error { message }\n          ... on ImportGemmaSuccess { data { applied unchanged changes { kind gemmaId name action fields } links { added removed } flows { added removed } refused { file row message } } }\n        }\n      }": types.ImportGemmaDocument,
    "\n    query Programme($slug: String!) {\n      programme(slug: $slug) {\n        name description deadline owners { name }\n        progress { total done onTrack late }\n        migrations {\n          id key wave status start end parallelRunStart parallelRunEnd description\n          organisation { slug name } targetProduct { name slug }\n          replaces { key product { name } } dependsOn { id key organisation { name } targetProduct { name } } efforts { fte }\n        }\n      }\n      planChecks(programme: $slug) { kind message migration organisation }\n    }\n  ": types.ProgrammeDocument,
    "query CapacityChoices { organisations { slug name type } viewer { memberships { organisation { slug } } } }": types.CapacityChoicesDocument,
    "query TransitionScope { organisations { slug name } viewer { memberships { organisation { slug } } } }": types.TransitionScopeDocument,
    "\n    query Transition($organisations: [String!]) {\n      programmes { slug name description deadline owners { name } progress { total done onTrack late cancelled } }\n      planChecks(organisations: $organisations) { kind message organisation migration }\n      scenarios(status: OPEN) { id }\n    }\n  ": types.TransitionDocument,
    "query CompareChoices { organisations { slug name type } referenceComponentGroups }": types.CompareChoicesDocument,
    "\n    query Compare($organisations: [String!]!, $group: String) {\n      comparison(organisations: $organisations, group: $group) {\n        organisations\n        rows {\n          referenceComponent { gemmaId name group }\n          differs\n          hasLegacy\n          sharedProducts\n          cells { organisation usages { key status productSlug productName architecture } }\n        }\n        alternatives { products { name slug organisations } sameComponents explanation }\n        separateBeheer { product organisations operatorCount }\n      }\n    }\n  ": types.CompareDocument,
    "query Search($q: String!, $first: Int!) { search(query: $q, first: $first) { kind title detail path match reason } }": types.SearchDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SendsMail { sendsMail }"): (typeof documents)["query SendsMail { sendsMail }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ChangePassword($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { __typename ... on Error { message } ... on ValidationError { problems { path message } } } }"): (typeof documents)["mutation ChangePassword($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { __typename ... on Error { message } ... on ValidationError { problems { path message } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Invitation($t: String!) { invitation(token: $t) { email role organisationName expiresAt } }"): (typeof documents)["query Invitation($t: String!) { invitation(token: $t) { email role organisationName expiresAt } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Accept($t: String!, $n: String!, $p: String!) { acceptInvitation(token: $t, name: $n, password: $p) { __typename ... on Error { message } ... on ValidationError { problems { path message } } ... on AcceptInvitationSuccess { data { token expiresAt } } } }"): (typeof documents)["mutation Accept($t: String!, $n: String!, $p: String!) { acceptInvitation(token: $t, name: $n, password: $p) { __typename ... on Error { message } ... on ValidationError { problems { path message } } ... on AcceptInvitationSuccess { data { token expiresAt } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RequestReset($e: String!) { requestPasswordReset(email: $e) { __typename ... on Error { message } ... on ValidationError { problems { path message } } ... on SignInThrottledError { retryAfterSeconds } } }"): (typeof documents)["mutation RequestReset($e: String!) { requestPasswordReset(email: $e) { __typename ... on Error { message } ... on ValidationError { problems { path message } } ... on SignInThrottledError { retryAfterSeconds } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PasswordReset($t: String!) { passwordReset(token: $t) { email expiresAt } }"): (typeof documents)["query PasswordReset($t: String!) { passwordReset(token: $t) { email expiresAt } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ResetPassword($t: String!, $p: String!) { resetPassword(token: $t, password: $p) { __typename ... on Error { message } ... on ValidationError { problems { path message } } } }"): (typeof documents)["mutation ResetPassword($t: String!, $p: String!) { resetPassword(token: $t, password: $p) { __typename ... on Error { message } ... on ValidationError { problems { path message } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      query FormOptions {\n        organisations { slug name }\n        referenceComponents { gemmaId name group }\n        externalServices { gemmaId name }\n      }\n    "): (typeof documents)["\n      query FormOptions {\n        organisations { slug name }\n        referenceComponents { gemmaId name group }\n        externalServices { gemmaId name }\n      }\n    "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query FormUsages($organisation: String!, $after: String) { organisation(slug: $organisation) { usages(first: 500, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id product { name } } } } } }"): (typeof documents)["query FormUsages($organisation: String!, $after: String) { organisation(slug: $organisation) { usages(first: 500, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id product { name } } } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment ProductOption on Product { slug name supplier { name } versions { name } }"): (typeof documents)["fragment ProductOption on Product { slug name supplier { name } versions { name } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ProductSearch($search: String!, $first: Int!) { products(first: $first, search: $search) { totalCount edges { node { ...ProductOption } } } }"): (typeof documents)["query ProductSearch($search: String!, $first: Int!) { products(first: $first, search: $search) { totalCount edges { node { ...ProductOption } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ChosenProduct($slug: String!) { product(slug: $slug) { ...ProductOption } }"): (typeof documents)["query ChosenProduct($slug: String!) { product(slug: $slug) { ...ProductOption } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ProductByName($name: String!) { products(first: 20, name: $name) { edges { node { ...ProductOption } } } }"): (typeof documents)["query ProductByName($name: String!) { products(first: 20, name: $name) { edges { node { ...ProductOption } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SecondStep($c: String!) { secondStep(challenge: $c) { expiresAt methods passkeyOptions } }"): (typeof documents)["query SecondStep($c: String!) { secondStep(challenge: $c) { expiresAt methods passkeyOptions } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CompleteSignIn($c: String!, $code: String, $r: String, $p: String) { completeSignIn(challenge: $c, code: $code, recoveryCode: $r, passkey: $p) { __typename ... on Error { message } ... on ValidationError { problems { path message } } ... on SignInThrottledError { retryAfterSeconds } ... on CompleteSignInSuccess { data { token expiresAt } } } }"): (typeof documents)["mutation CompleteSignIn($c: String!, $code: String, $r: String, $p: String) { completeSignIn(challenge: $c, code: $code, recoveryCode: $r, passkey: $p) { __typename ... on Error { message } ... on ValidationError { problems { path message } } ... on SignInThrottledError { retryAfterSeconds } ... on CompleteSignInSuccess { data { token expiresAt } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Factors { viewer { email mustSetUpSecondFactor secondFactors { required addingNeedsPassword totp recoveryCodesLeft pendingTotp { groupedSecret uri qrCode } passkeys { id name createdAt lastUsedAt } } } }"): (typeof documents)["query Factors { viewer { email mustSetUpSecondFactor secondFactors { required addingNeedsPassword totp recoveryCodesLeft pendingTotp { groupedSecret uri qrCode } passkeys { id name createdAt lastUsedAt } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation StartTotp { startTotpSetup { __typename ... on Error { message } ... on ValidationError { problems { path message } } } }"): (typeof documents)["mutation StartTotp { startTotpSetup { __typename ... on Error { message } ... on ValidationError { problems { path message } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConfirmTotp($code: String!, $p: String) { confirmTotp(code: $code, password: $p) { __typename ... on Error { message } ... on ValidationError { problems { path message } } ... on ConfirmTotpSuccess { data { codes } } } }"): (typeof documents)["mutation ConfirmTotp($code: String!, $p: String) { confirmTotp(code: $code, password: $p) { __typename ... on Error { message } ... on ValidationError { problems { path message } } ... on ConfirmTotpSuccess { data { codes } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Regenerate($p: String) { regenerateRecoveryCodes(password: $p) { __typename ... on Error { message } ... on ValidationError { problems { path message } } ... on RegenerateRecoveryCodesSuccess { data { codes } } } }"): (typeof documents)["mutation Regenerate($p: String) { regenerateRecoveryCodes(password: $p) { __typename ... on Error { message } ... on ValidationError { problems { path message } } ... on RegenerateRecoveryCodesSuccess { data { codes } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation BeginPasskey { beginPasskeyRegistration { __typename ... on Error { message } ... on ValidationError { problems { path message } } ... on BeginPasskeyRegistrationSuccess { data } } }"): (typeof documents)["mutation BeginPasskey { beginPasskeyRegistration { __typename ... on Error { message } ... on ValidationError { problems { path message } } ... on BeginPasskeyRegistrationSuccess { data } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AddPasskey($n: String!, $r: String!, $p: String) { addPasskey(name: $n, response: $r, password: $p) { __typename ... on Error { message } ... on ValidationError { problems { path message } } ... on AddPasskeySuccess { data { codes } } } }"): (typeof documents)["mutation AddPasskey($n: String!, $r: String!, $p: String) { addPasskey(name: $n, response: $r, password: $p) { __typename ... on Error { message } ... on ValidationError { problems { path message } } ... on AddPasskeySuccess { data { codes } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RemoveTotp($p: String) { removeTotp(password: $p) { __typename ... on Error { message } ... on ValidationError { problems { path message } } } }"): (typeof documents)["mutation RemoveTotp($p: String) { removeTotp(password: $p) { __typename ... on Error { message } ... on ValidationError { problems { path message } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RemovePasskey($id: ID!, $p: String) { removePasskey(id: $id, password: $p) { __typename ... on Error { message } ... on ValidationError { problems { path message } } } }"): (typeof documents)["mutation RemovePasskey($id: ID!, $p: String) { removePasskey(id: $id, password: $p) { __typename ... on Error { message } ... on ValidationError { problems { path message } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Policy($slug: String!) { organisation(slug: $slug) { slug name requireSecondFactor viewerCanRequireSecondFactor membersWithoutSecondFactor } }"): (typeof documents)["query Policy($slug: String!) { organisation(slug: $slug) { slug name requireSecondFactor viewerCanRequireSecondFactor membersWithoutSecondFactor } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SetPolicy($o: String!, $r: Boolean!) { setSecondFactorRequirement(organisation: $o, required: $r) { __typename ... on Error { message } ... on ValidationError { problems { path message } } } }"): (typeof documents)["mutation SetPolicy($o: String!, $r: Boolean!) { setSecondFactorRequirement(organisation: $o, required: $r) { __typename ... on Error { message } ... on ValidationError { problems { path message } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SignInProviders { signInProviders { id name organisationName } }"): (typeof documents)["query SignInProviders { signInProviders { id name organisationName } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation StartSso($e: String, $p: ID, $b: String) { startSsoSignIn(email: $e, provider: $p, returnPath: $b) { __typename ... on Error { message } ... on ValidationError { problems { path message } } ... on StartSsoSignInSuccess { data { authorizationUrl flowToken expiresAt } } } }"): (typeof documents)["mutation StartSso($e: String, $p: ID, $b: String) { startSsoSignIn(email: $e, provider: $p, returnPath: $b) { __typename ... on Error { message } ... on ValidationError { problems { path message } } ... on StartSsoSignInSuccess { data { authorizationUrl flowToken expiresAt } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CompleteSso($f: String!, $c: String!) { completeSsoSignIn(flowToken: $f, callbackUrl: $c) { __typename ... on Error { message } ... on CompleteSsoSignInSuccess { data { session { token expiresAt } linkEmail returnPath } } } }"): (typeof documents)["mutation CompleteSso($f: String!, $c: String!) { completeSsoSignIn(flowToken: $f, callbackUrl: $c) { __typename ... on Error { message } ... on CompleteSsoSignInSuccess { data { session { token expiresAt } linkEmail returnPath } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PendingLink($f: String!) { ssoPendingLink(flowToken: $f) { email providerName returnPath } }"): (typeof documents)["query PendingLink($f: String!) { ssoPendingLink(flowToken: $f) { email providerName returnPath } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation LinkSso($f: String!, $p: String!, $c: String, $r: String) { linkSsoAccount(flowToken: $f, password: $p, code: $c, recoveryCode: $r) { __typename ... on Error { message } ... on ValidationError { problems { path message } } ... on LinkSsoAccountSuccess { data { token expiresAt } } } }"): (typeof documents)["mutation LinkSso($f: String!, $p: String!, $c: String, $r: String) { linkSsoAccount(flowToken: $f, password: $p, code: $c, recoveryCode: $r) { __typename ... on Error { message } ... on ValidationError { problems { path message } } ... on LinkSsoAccountSuccess { data { token expiresAt } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SignOutSso($t: String!) { signOutWithProvider(token: $t) { __typename ... on SignOutWithProviderSuccess { data { providerSignOutUrl } } } }"): (typeof documents)["mutation SignOutSso($t: String!) { signOutWithProvider(token: $t) { __typename ... on SignOutWithProviderSuccess { data { providerSignOutUrl } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SetPasswordSignIn($o: String!, $e: Boolean!) { setPasswordSignIn(organisation: $o, enabled: $e) { __typename ... on Error { message } ... on ValidationError { problems { path message } } } }"): (typeof documents)["mutation SetPasswordSignIn($o: String!, $e: Boolean!) { setPasswordSignIn(organisation: $o, enabled: $e) { __typename ... on Error { message } ... on ValidationError { problems { path message } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IdentityProviders {\n    identityProviders { id name issuer clientId emailDomains roleClaim viewerValues editorValues adminValues defaultRole enabled organisation { slug name } }\n    organisations { slug name }\n  }\n"): (typeof documents)["\n  query IdentityProviders {\n    identityProviders { id name issuer clientId emailDomains roleClaim viewerValues editorValues adminValues defaultRole enabled organisation { slug name } }\n    organisations { slug name }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreateProvider($input: IdentityProviderInput!) { createIdentityProvider(input: $input) { __typename ... on Error { message } ... on ValidationError { problems { path message } } } }"): (typeof documents)["mutation CreateProvider($input: IdentityProviderInput!) { createIdentityProvider(input: $input) { __typename ... on Error { message } ... on ValidationError { problems { path message } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UpdateProvider($id: ID!, $input: IdentityProviderInput!) { updateIdentityProvider(id: $id, input: $input) { __typename ... on Error { message } ... on ValidationError { problems { path message } } } }"): (typeof documents)["mutation UpdateProvider($id: ID!, $input: IdentityProviderInput!) { updateIdentityProvider(id: $id, input: $input) { __typename ... on Error { message } ... on ValidationError { problems { path message } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query Home($signedIn: Boolean!, $first: Int!, $after: String) {\n      hubSummary { organisations usages live commonGround }\n      organisationsPage(first: $first, after: $after) {\n        totalCount\n        pageInfo { hasNextPage endCursor }\n        edges { node {\n        slug\n        name\n        type\n        cbsCode\n        memberOf { slug name }\n        members { slug name }\n        usageSummary {\n          total\n          byStatus { status count }\n          inProductionByArchitecture { architecture count }\n        }\n        adoption {\n          total\n          commonGround\n          hybrid\n          legacyStillRunning\n          interfacesCopying\n          interfacesAtSource\n          perLayer { layer total commonGround hybrid }\n        }\n        expectedInterfaces @include(if: $signedIn) { status }\n        } }\n      }\n    }\n  "): (typeof documents)["\n    query Home($signedIn: Boolean!, $first: Int!, $after: String) {\n      hubSummary { organisations usages live commonGround }\n      organisationsPage(first: $first, after: $after) {\n        totalCount\n        pageInfo { hasNextPage endCursor }\n        edges { node {\n        slug\n        name\n        type\n        cbsCode\n        memberOf { slug name }\n        members { slug name }\n        usageSummary {\n          total\n          byStatus { status count }\n          inProductionByArchitecture { architecture count }\n        }\n        adoption {\n          total\n          commonGround\n          hybrid\n          legacyStillRunning\n          interfacesCopying\n          interfacesAtSource\n          perLayer { layer total commonGround hybrid }\n        }\n        expectedInterfaces @include(if: $signedIn) { status }\n        } }\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      mutation SignIn($email: String!, $password: String!) {\n        signIn(email: $email, password: $password) {\n          __typename\n          ... on Error { message }\n          ... on SignInThrottledError { retryAfterSeconds }\n          ... on SignInSuccess { data { token expiresAt } }\n          ... on SecondFactorRequiredError { challenge }\n        }\n      }\n    "): (typeof documents)["\n      mutation SignIn($email: String!, $password: String!) {\n        signIn(email: $email, password: $password) {\n          __typename\n          ... on Error { message }\n          ... on SignInThrottledError { retryAfterSeconds }\n          ... on SignInSuccess { data { token expiresAt } }\n          ... on SecondFactorRequiredError { challenge }\n        }\n      }\n    "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query NewUsageOrganisation($slug: String!) { organisation(slug: $slug) { id name viewerCanEdit } }"): (typeof documents)["query NewUsageOrganisation($slug: String!) { organisation(slug: $slug) { id name viewerCanEdit } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Create($input: CreateUsageInput!) { createUsage(input: $input) { __typename ... on Error { message } ... on ValidationError { problems { path message } } ... on CreateUsageSuccess { data { key } } } }"): (typeof documents)["mutation Create($input: CreateUsageInput!) { createUsage(input: $input) { __typename ... on Error { message } ... on ValidationError { problems { path message } } ... on CreateUsageSuccess { data { key } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ImportInterfaces($input: ImportInterfacesInput!) {\n  importInterfaces(input: $input) {\n    __typename ... on Error { message }\n    ... on ImportInterfacesSuccess { data { applied added changed unchanged rows { line key product action changes } refused { line message } } }\n  }\n}"): (typeof documents)["mutation ImportInterfaces($input: ImportInterfacesInput!) {\n  importInterfaces(input: $input) {\n    __typename ... on Error { message }\n    ... on ImportInterfacesSuccess { data { applied added changed unchanged rows { line key product action changes } refused { line message } } }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ImportSoftwarecatalogus($input: ImportSoftwarecatalogusInput!) {\n  importSoftwarecatalogus(input: $input) {\n    __typename ... on Error { message }\n    ... on ImportSoftwarecatalogusSuccess {\n      data { applied added changed unchanged rows { line key product action changes } refused { line message } columns { column treatment target } remarks { line message } }\n    }\n  }\n}"): (typeof documents)["mutation ImportSoftwarecatalogus($input: ImportSoftwarecatalogusInput!) {\n  importSoftwarecatalogus(input: $input) {\n    __typename ... on Error { message }\n    ... on ImportSoftwarecatalogusSuccess {\n      data { applied added changed unchanged rows { line key product action changes } refused { line message } columns { column treatment target } remarks { line message } }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ImportUsages($input: ImportUsagesInput!) {\n  importUsages(input: $input) {\n    __typename ... on Error { message }\n    ... on ImportUsagesSuccess {\n      data { applied added changed unchanged rows { line key product action changes } refused { line message } notes warnings notPlaced { type count name reason } }\n    }\n  }\n}"): (typeof documents)["mutation ImportUsages($input: ImportUsagesInput!) {\n  importUsages(input: $input) {\n    __typename ... on Error { message }\n    ... on ImportUsagesSuccess {\n      data { applied added changed unchanged rows { line key product action changes } refused { line message } notes warnings notPlaced { type count name reason } }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ImportTarget($slug: String!) { organisation(slug: $slug) { name viewerCanEdit } }"): (typeof documents)["query ImportTarget($slug: String!) { organisation(slug: $slug) { name viewerCanEdit } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query OrganisationName($slug: String!) { organisation(slug: $slug) { id name } }"): (typeof documents)["query OrganisationName($slug: String!) { organisation(slug: $slug) { id name } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query OrganisationSignIn($slug: String!) { organisation(slug: $slug) { name passwordSignIn singleSignOn } }"): (typeof documents)["query OrganisationSignIn($slug: String!) { organisation(slug: $slug) { name passwordSignIn singleSignOn } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query Changes($slug: String!, $after: String) {\n      organisation(slug: $slug) { name }\n      auditEvents(first: 50, after: $after, organisation: $slug) {\n        pageInfo { hasNextPage endCursor }\n        edges { node { id createdAt actor source revision description } }\n      }\n    }\n  "): (typeof documents)["\n    query Changes($slug: String!, $after: String) {\n      organisation(slug: $slug) { name }\n      auditEvents(first: 50, after: $after, organisation: $slug) {\n        pageInfo { hasNextPage endCursor }\n        edges { node { id createdAt actor source revision description } }\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query Product($slug: String!, $first: Int!, $after: String) {\n      product(slug: $slug) {\n        name\n        description\n        architecture\n        layers\n        openSource\n        licence\n        repository\n        deliveryModel\n        hostingJurisdiction\n        supplier { name website }\n        versions { name }\n        referenceComponents { name group gemmaUrl }\n        standards { standard { name url } }\n        usages(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { key status organisation { slug name } version { name } } } }\n      }\n    }\n  "): (typeof documents)["\n    query Product($slug: String!, $first: Int!, $after: String) {\n      product(slug: $slug) {\n        name\n        description\n        architecture\n        layers\n        openSource\n        licence\n        repository\n        deliveryModel\n        hostingJurisdiction\n        supplier { name website }\n        versions { name }\n        referenceComponents { name group gemmaUrl }\n        standards { standard { name url } }\n        usages(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { key status organisation { slug name } version { name } } } }\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query Products($search: String, $architecture: Architecture, $after: String) {\n      products(first: 50, after: $after, search: $search, architecture: $architecture) {\n        totalCount\n        pageInfo { hasNextPage endCursor }\n        edges { node { slug name architecture openSource licence supplier { name } usages { totalCount } } }\n      }\n    }\n  "): (typeof documents)["\n    query Products($search: String, $architecture: Architecture, $after: String) {\n      products(first: 50, after: $after, search: $search, architecture: $architecture) {\n        totalCount\n        pageInfo { hasNextPage endCursor }\n        edges { node { slug name architecture openSource licence supplier { name } usages { totalCount } } }\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ProductImportChoices { viewer { memberships { role organisation { slug name } } } }"): (typeof documents)["query ProductImportChoices { viewer { memberships { role organisation { slug name } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ImportProduct($input: ImportProductInput!) {\n        importProduct(input: $input) {\n          __typename ... on Error { message }\n          ... on ImportProductSuccess { data { applied added changed unchanged rows { line key product action changes } refused { line message } notes warnings } }\n        }\n      }"): (typeof documents)["mutation ImportProduct($input: ImportProductInput!) {\n        importProduct(input: $input) {\n          __typename ... on Error { message }\n          ... on ImportProductSuccess { data { applied added changed unchanged rows { line key product action changes } refused { line message } notes warnings } }\n        }\n      }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation MergeProducts($input: MergeInput!) { mergeProducts(input: $input) {\n                __typename ... on Error { message }\n                ... on MergeProductsSuccess { data { applied kept { slug name } merged { slug name } moves } } } }"): (typeof documents)["mutation MergeProducts($input: MergeInput!) { mergeProducts(input: $input) {\n                __typename ... on Error { message }\n                ... on MergeProductsSuccess { data { applied kept { slug name } merged { slug name } moves } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation MergeSuppliers($input: MergeInput!) { mergeSuppliers(input: $input) {\n                __typename ... on Error { message }\n                ... on MergeSuppliersSuccess { data { applied kept { slug name } merged { slug name } moves } } } }"): (typeof documents)["mutation MergeSuppliers($input: MergeInput!) { mergeSuppliers(input: $input) {\n                __typename ... on Error { message }\n                ... on MergeSuppliersSuccess { data { applied kept { slug name } merged { slug name } moves } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MergeProductChoices($after: String) { products(first: 200, after: $after) { pageInfo { hasNextPage endCursor } edges { node { slug name supplier { name } } } } }"): (typeof documents)["query MergeProductChoices($after: String) { products(first: 200, after: $after) { pageInfo { hasNextPage endCursor } edges { node { slug name supplier { name } } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MergeSupplierChoices { suppliers { slug name } }"): (typeof documents)["query MergeSupplierChoices { suppliers { slug name } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query ReferenceComponents {\n      referenceComponents {\n        gemmaId\n        name\n        group\n        status\n        gemmaUrl\n        baselineBiv { availability integrity confidentiality }\n        standards { mandatory }\n        products { slug }\n      }\n    }\n  "): (typeof documents)["\n    query ReferenceComponents {\n      referenceComponents {\n        gemmaId\n        name\n        group\n        status\n        gemmaUrl\n        baselineBiv { availability integrity confidentiality }\n        standards { mandatory }\n        products { slug }\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ImportGemma($input: ImportGemmaInput!) {\n        importGemma(input: $input) {\n          __typename ... on Error { message }\n          ... on ImportGemmaSuccess { data { applied unchanged changes { kind gemmaId name action fields } links { added removed } flows { added removed } refused { file row message } } }\n        }\n      }"): (typeof documents)["mutation ImportGemma($input: ImportGemmaInput!) {\n        importGemma(input: $input) {\n          __typename ... on Error { message }\n          ... on ImportGemmaSuccess { data { applied unchanged changes { kind gemmaId name action fields } links { added removed } flows { added removed } refused { file row message } } }\n        }\n      }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query Programme($slug: String!) {\n      programme(slug: $slug) {\n        name description deadline owners { name }\n        progress { total done onTrack late }\n        migrations {\n          id key wave status start end parallelRunStart parallelRunEnd description\n          organisation { slug name } targetProduct { name slug }\n          replaces { key product { name } } dependsOn { id key organisation { name } targetProduct { name } } efforts { fte }\n        }\n      }\n      planChecks(programme: $slug) { kind message migration organisation }\n    }\n  "): (typeof documents)["\n    query Programme($slug: String!) {\n      programme(slug: $slug) {\n        name description deadline owners { name }\n        progress { total done onTrack late }\n        migrations {\n          id key wave status start end parallelRunStart parallelRunEnd description\n          organisation { slug name } targetProduct { name slug }\n          replaces { key product { name } } dependsOn { id key organisation { name } targetProduct { name } } efforts { fte }\n        }\n      }\n      planChecks(programme: $slug) { kind message migration organisation }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CapacityChoices { organisations { slug name type } viewer { memberships { organisation { slug } } } }"): (typeof documents)["query CapacityChoices { organisations { slug name type } viewer { memberships { organisation { slug } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TransitionScope { organisations { slug name } viewer { memberships { organisation { slug } } } }"): (typeof documents)["query TransitionScope { organisations { slug name } viewer { memberships { organisation { slug } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query Transition($organisations: [String!]) {\n      programmes { slug name description deadline owners { name } progress { total done onTrack late cancelled } }\n      planChecks(organisations: $organisations) { kind message organisation migration }\n      scenarios(status: OPEN) { id }\n    }\n  "): (typeof documents)["\n    query Transition($organisations: [String!]) {\n      programmes { slug name description deadline owners { name } progress { total done onTrack late cancelled } }\n      planChecks(organisations: $organisations) { kind message organisation migration }\n      scenarios(status: OPEN) { id }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CompareChoices { organisations { slug name type } referenceComponentGroups }"): (typeof documents)["query CompareChoices { organisations { slug name type } referenceComponentGroups }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query Compare($organisations: [String!]!, $group: String) {\n      comparison(organisations: $organisations, group: $group) {\n        organisations\n        rows {\n          referenceComponent { gemmaId name group }\n          differs\n          hasLegacy\n          sharedProducts\n          cells { organisation usages { key status productSlug productName architecture } }\n        }\n        alternatives { products { name slug organisations } sameComponents explanation }\n        separateBeheer { product organisations operatorCount }\n      }\n    }\n  "): (typeof documents)["\n    query Compare($organisations: [String!]!, $group: String) {\n      comparison(organisations: $organisations, group: $group) {\n        organisations\n        rows {\n          referenceComponent { gemmaId name group }\n          differs\n          hasLegacy\n          sharedProducts\n          cells { organisation usages { key status productSlug productName architecture } }\n        }\n        alternatives { products { name slug organisations } sameComponents explanation }\n        separateBeheer { product organisations operatorCount }\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Search($q: String!, $first: Int!) { search(query: $q, first: $first) { kind title detail path match reason } }"): (typeof documents)["query Search($q: String!, $first: Int!) { search(query: $q, first: $first) { kind title detail path match reason } }"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;
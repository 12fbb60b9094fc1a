package awsops

import (
	"fmt"
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/nhilint/nhilint/analyzers/gocode/gofact"
	"github.com/nhilint/nhilint/internal/usage"
	"github.com/nhilint/nhilint/rules/scopes"
)

const Doc = `report AWS operations called through aws-sdk-go-v2

awsops reports each call of an AWS API operation: service client and
presign client methods, paginators and the S3 transfer manager.`

var Analyzer = &analysis.Analyzer{
	Name:       "awsops",
	Doc:        Doc,
	URL:        "https://github.com/nhilint/nhilint/tree/main/analyzers/gocode/passes/awsops",
	Requires:   []*analysis.Analyzer{inspect.Analyzer},
	Run:        run,
	ResultType: gofact.ResultType,
}

// ServicePrefix begins the import path of every aws-sdk-go-v2 service package.
const ServicePrefix = "github.com/aws/aws-sdk-go-v2/service/"

const managerPath = "github.com/aws/aws-sdk-go-v2/feature/s3/manager"

// managerOps are the S3 operations the transfer manager's methods call.
var managerOps = map[string][]string{
	"Uploader.Upload":     {"PutObject", "CreateMultipartUpload", "UploadPart", "CompleteMultipartUpload", "AbortMultipartUpload"},
	"Downloader.Download": {"GetObject"},
}

func run(pass *analysis.Pass) (any, error) {
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	rep := gofact.NewReporter(pass)
	insp.Preorder([]ast.Node{(*ast.CallExpr)(nil)}, func(n ast.Node) {
		call := n.(*ast.CallExpr)
		fn := gofact.Callee(pass.TypesInfo, call)
		service, ops := Operations(fn)
		for _, op := range ops {
			o := scopes.Operation{Provider: scopes.AWS, Service: service, Name: op}
			via := gofact.FuncName(fn)
			rep.Add(gofact.CallPos(call), usage.Fact{Kind: usage.Operation, Provider: scopes.AWS, Op: o, Via: via},
				fmt.Sprintf("calls aws %s (%s)", o, via))
		}
	})
	return rep.Result(), nil
}

// Operations returns the service id and the operations that a call of fn
// performs, or nil when fn is not an aws-sdk-go-v2 operation.
func Operations(fn *types.Func) (service string, ops []string) {
	if fn == nil || fn.Pkg() == nil {
		return "", nil
	}
	sig := fn.Signature()
	name := fn.Name()
	if sig.Recv() == nil {
		// s3.NewListObjectsV2Paginator(client, params)
		op, ok := strings.CutPrefix(name, "New")
		if op, ok = strings.CutSuffix(op, "Paginator"); !ok || op == "" {
			return "", nil
		}
		if svc, ok := inputOf(sig, op); ok {
			return svc, []string{op}
		}
		return "", nil
	}
	if named := gofact.ReceiverNamed(sig.Recv().Type()); named != nil && fn.Pkg().Path() == managerPath {
		if ops := managerOps[named.Obj().Name()+"."+name]; ops != nil {
			return serviceID(ServicePrefix + "s3"), ops
		}
		return "", nil
	}
	op := strings.TrimPrefix(name, "Presign")
	if svc, ok := inputOf(sig, op); ok {
		return svc, []string{op}
	}
	return "", nil
}

// inputOf reports whether the second parameter of sig is *<op>Input of an
// aws-sdk-go-v2 service package, and returns the service id.
func inputOf(sig *types.Signature, op string) (string, bool) {
	if sig.Params().Len() < 2 {
		return "", false
	}
	ptr, ok := types.Unalias(sig.Params().At(1).Type()).(*types.Pointer)
	if !ok {
		return "", false
	}
	named, ok := types.Unalias(ptr.Elem()).(*types.Named)
	if !ok || named.Obj().Pkg() == nil || named.Obj().Name() != op+"Input" {
		return "", false
	}
	path := named.Obj().Pkg().Path()
	rest, ok := strings.CutPrefix(path, ServicePrefix)
	if !ok || rest == "" || strings.Contains(rest, "/") {
		return "", false
	}
	return serviceID(path), true
}

// serviceID names the service of a service package path as the knowledge
// tables do, falling back to the package's last path element, which is
// the SDK service id for every aws-sdk-go-v2 service.
func serviceID(path string) string {
	if id, ok := scopes.AWSGoService(path); ok {
		return id
	}
	return path[strings.LastIndex(path, "/")+1:]
}
